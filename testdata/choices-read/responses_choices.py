from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Hello!", store=False)
message = reply.choices[0].message
print(message.content)
print(reply.choices[0].message.content.strip())
