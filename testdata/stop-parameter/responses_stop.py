from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Count to ten.", stop=["5"], store=False)
print(reply.output_text)
