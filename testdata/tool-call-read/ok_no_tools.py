from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
