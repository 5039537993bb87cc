"""Streaming on the Responses API."""
from openai import OpenAI

client = OpenAI()

stream = client.responses.create(model="gpt-4o-mini", input="Write a haiku about autumn.", stream=True, store=False)
for event in stream:
    if event.type == "response.output_text.delta":
        print(event.delta, end="", flush=True)
print()
