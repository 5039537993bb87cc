from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Write an essay"}], max_tokens=50)
if resp.choices[0].finish_reason == "length":
    print("truncated")
print(resp.choices[0].message.content)
