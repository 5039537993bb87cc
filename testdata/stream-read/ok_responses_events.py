from openai import OpenAI

client = OpenAI()

stream = client.responses.create(model="gpt-5.5", input="Tell a story.", stream=True, store=False)
for event in stream:
    if event.type == "response.output_text.delta":
        print(event.delta, end="")
    elif event.type == "response.completed":
        print(event.response.usage.output_tokens)
