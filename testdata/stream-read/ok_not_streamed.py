from openai import OpenAI

client = OpenAI()
print(client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "x"}]).choices[0].message.content)
