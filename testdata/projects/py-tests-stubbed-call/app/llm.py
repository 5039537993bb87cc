from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        max_tokens=50,
    )
