from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(
    model="gpt-5.5",
    messages=[
        {"role": "system", "content": "Reply in French."},
        {"role": "user", "content": "Good night"},
    ],
)
print(r.choices[0].message.content)
