from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "x"}])
print(resp.choices[0].message.content, resp.id, resp.model)
