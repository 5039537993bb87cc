from openai import OpenAI

client = OpenAI()

resp = client.responses.create(model="o4-mini", input="Name a colour.", store=False)
messages = [item for item in resp.output if item.type == "message"]
print(messages[0].content[0].text, resp.output_text)
