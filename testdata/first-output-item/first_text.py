from openai import OpenAI

client = OpenAI()

resp = client.responses.create(model="gpt-5-mini", input="Name a colour.", store=False)
print(resp.output[0].content[0].text)
