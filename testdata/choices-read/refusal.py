from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-4.1",
    messages=[{"role": "user", "content": "Tell me a secret."}],
)
message = completion.choices[0].message
if message.refusal:
    print("refused:", message.refusal)
else:
    print(message.content)
