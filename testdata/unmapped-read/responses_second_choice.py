from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Two names.", store=False)
print(reply.choices[1].message.content)
