"""The chat streaming helper: print text as it arrives, then read the final completion."""
from openai import OpenAI

client = OpenAI()

with client.chat.completions.stream(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Write a haiku about autumn leaves."}],
    stream_options={"include_usage": True},
) as stream:
    for event in stream:
        if event.type == "content.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "content.done":
            print()
            print("characters:", len(event.content))
    final = stream.get_final_completion()

print("final:", final.choices[0].message.content)
usage = final.usage
print("tokens:", usage.prompt_tokens, final.usage.completion_tokens, usage.total_tokens)
