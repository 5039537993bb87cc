import os

from openai import OpenAI

client = OpenAI()
MODEL = os.environ.get("CHAT_MODEL", "my-deployment")

history = [{"role": "user", "content": "Start a story."}]
reply = client.chat.completions.create(model=MODEL, messages=history)
history.append(reply.choices[0].message)
print(reply.choices[0].message.content)
