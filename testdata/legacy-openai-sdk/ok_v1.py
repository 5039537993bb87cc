from openai import OpenAI

resp = OpenAI().chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Hello"}])
print(resp.choices[0].message.content)
