from openai import OpenAI

client = OpenAI()

reply = client.responses.create(model="gpt-5.5", input="Roll a die.", seed=7, store=False)
print(reply.output_text)
