"""The chat streaming helper: print text as it arrives, then read the final completion."""
from openai import OpenAI

client = OpenAI()

with client.responses.stream(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Write a haiku about autumn leaves."}],
    store=False,
) as stream:
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "response.output_text.done":
            print()
            print("characters:", len(event.text))
    final = stream.get_final_response()

print("final:", final.output_text)
usage = final.usage
print("tokens:", usage.input_tokens, final.usage.output_tokens, usage.total_tokens)
