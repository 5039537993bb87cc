"""The module under test: one request, its reply's text handed back."""
from openai import OpenAI

client = OpenAI()


def ask(question):
    completion = client.responses.create(
        model="gpt-4o-mini",
        input=[{"role": "user", "content": question}],
        max_output_tokens=64,
        store=False,
    )
    return completion.output_text
