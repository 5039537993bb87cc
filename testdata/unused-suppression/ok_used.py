from openai import OpenAI

client = OpenAI()
legacy = client.chat.completions.create(  # responsify: ignore[chat-completions-request] the eval harness compares against chat
    model="gpt-5.5", messages=[{"role": "user", "content": "x"}]
)
print(legacy.choices[0].message.content)
