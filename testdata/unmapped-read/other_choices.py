from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Two names, please"}])
reason = resp.choices[0].finish_reason
print(resp.choices[0].message.content, reason)
print(resp.choices[0].logprobs)
