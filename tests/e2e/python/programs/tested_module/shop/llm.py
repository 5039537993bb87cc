"""The module under test: one request, its reply's text handed back."""
from openai import OpenAI

client = OpenAI()


def ask(question):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        max_tokens=64,
    )
    return completion.choices[0].message.content
