from openai import OpenAI

client = OpenAI()
with client.chat.completions.stream(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "Tell me a joke"}],
) as stream:
    for event in stream:
        if event.type == "content.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "content.done":
            print()
            print("length:", len(event.content))
    final = stream.get_final_completion()
print(final.choices[0].message.content)
print(final.usage.completion_tokens)
