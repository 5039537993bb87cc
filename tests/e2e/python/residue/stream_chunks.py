"""Streaming on the Responses API, but still reading chat chunks."""
from openai import OpenAI

client = OpenAI()

stream = client.responses.create(
    model="gpt-4o-mini",
    input="Write a haiku about autumn.",
    stream=True,
    stream_options={"include_usage": True},
    store=False,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
