from openai import OpenAI

client = OpenAI()

stream = client.responses.create(model="gpt-5.5", input="Tell a story.", stream=True, store=False)
for chunk in stream:
    if not chunk.choices:
        continue
    text = chunk.choices[0].delta.content
    if text:
        print(text, end="")
