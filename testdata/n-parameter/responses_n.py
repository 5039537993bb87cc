from openai import OpenAI

client = OpenAI()

one = client.responses.create(model="gpt-5.5", input="A name for a cat.", n=1, store=False)
three = client.responses.create(model="gpt-5.5", input="Names for a cat.", n=3, store=False)
print(one.output_text, three.output_text)
