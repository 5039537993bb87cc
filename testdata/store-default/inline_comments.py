from openai import OpenAI

client = OpenAI()
msgs = [{"role": "user", "content": "hi"}]
resp = client.chat.completions.create(
    model="gpt-4.1",  # the model
    messages=msgs  # history
)
print(resp.choices[0].message.content)
resp2 = client.chat.completions.create(
    model="gpt-4.1",
    messages=msgs,  # history
)
print(resp2.choices[0].message.content)
