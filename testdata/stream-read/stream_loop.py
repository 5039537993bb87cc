from openai import OpenAI

client = OpenAI()
stream = client.chat.completions.create(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "Tell a short story"}],
    stream=True,
    stream_options={"include_usage": True},
)
pieces = []
for chunk in stream:
    if not chunk.choices:
        continue
    delta = chunk.choices[0].delta.content
    if delta:
        pieces.append(delta)
print("".join(pieces))
