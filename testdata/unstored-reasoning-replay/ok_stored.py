from openai import OpenAI

client = OpenAI()

history = [{"role": "user", "content": "Start a story."}]
resp = client.responses.create(model="o4-mini", input=history, store=True)
history.extend(resp.output)
