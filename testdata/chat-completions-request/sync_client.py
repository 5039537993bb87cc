from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-5.5",
    messages=[
        {"role": "developer", "content": "Answer in one sentence."},
        {"role": "user", "content": "Why is the sky blue?"},
    ],
)
print(completion.choices[0].message.content)
