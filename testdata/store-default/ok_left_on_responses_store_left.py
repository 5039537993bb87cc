from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Hello!")
print(reply.output_text)
