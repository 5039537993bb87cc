"""Stream a haiku to the terminal, then report token usage from the final chunk."""
from openai import OpenAI

client = OpenAI()

stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Write a haiku about autumn leaves."}],
    stream=True,
    stream_options={"include_usage": True},
)

last = None
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
    last = chunk
print()

if last is not None and last.usage is not None:
    print(f"tokens: prompt={last.usage.prompt_tokens} "
          f"completion={last.usage.completion_tokens} total={last.usage.total_tokens}")
