"""Stream a reply, skipping chunks without choices the way Azure samples do (`len(...) > 0`)."""
from openai import OpenAI

client = OpenAI()
stream = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Write a haiku about autumn."}],
    stream=True,
    store=False,
)
text = ""
for chunk in stream:
    if chunk.type != "response.output_text.delta":
        continue
    if chunk.type == "response.output_text.delta" and chunk.delta:
        text += chunk.delta
print(text)
