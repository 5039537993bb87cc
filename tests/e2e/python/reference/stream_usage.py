"""Stream a haiku to the terminal, then report token usage from the final event."""
from openai import OpenAI

client = OpenAI()

stream = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Write a haiku about autumn leaves."}],
    stream=True,
    store=False,
)

usage = None
for event in stream:
    if event.type == "response.output_text.delta":
        print(event.delta, end="", flush=True)
    elif event.type == "response.completed":
        usage = event.response.usage
print()

if usage is not None:
    print(f"tokens: prompt={usage.input_tokens} "
          f"completion={usage.output_tokens} total={usage.total_tokens}")
