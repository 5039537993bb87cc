import os

from openai import OpenAI

client = OpenAI()
MODEL = os.environ["CHAT_MODEL"]

history = [{"role": "user", "content": "Start a story."}]
resp = client.responses.create(model=MODEL, input=history, store=False)
history.extend(resp.output)
