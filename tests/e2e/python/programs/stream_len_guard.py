"""Stream a reply, skipping chunks without choices the way Azure samples do (`len(...) > 0`)."""
from openai import OpenAI

client = OpenAI()
stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Write a haiku about autumn."}],
    stream=True,
)
text = ""
for chunk in stream:
    if len(chunk.choices) == 0:
        continue
    if len(chunk.choices) > 0 and chunk.choices[0].delta.content:
        text += chunk.choices[0].delta.content
print(text)
