from openai import OpenAI

client = OpenAI()
MODEL = "o4-mini"

history = [{"role": "user", "content": "Plan a picnic."}]
reply = client.chat.completions.create(model=MODEL, messages=history)
history.append(reply.choices[0].message)
history.append({"role": "user", "content": "Make it vegetarian."})
again = client.chat.completions.create(model=MODEL, messages=history)
print(again.choices[0].message.content)
