from openai import OpenAI

client = OpenAI()
one = client.chat.completions.create(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "A name for a cat"}],
    n=1,
    stop=[],
)
print(one.choices[0].message.content)
many = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Names"}], n=3)
print(many.choices[0].message.content)
