from openai import OpenAI

client = OpenAI()

history = [{"role": "user", "content": "Start a story."}]
resp = client.chat.completions.create(model="gpt-4o-mini", messages=history)
history.append(resp.choices[0].message)
