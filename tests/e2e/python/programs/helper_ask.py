"""A small helper wrapped around the client, used for several questions."""
from openai import OpenAI

client = OpenAI()


def ask(question, model="gpt-4o-mini"):
    resp = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": question}],
        max_tokens=100,
    )
    return resp.choices[0].message.content


if __name__ == "__main__":
    for q in ["What is 2 + 2?", "Name a primary color."]:
        print(f"Q: {q}")
        print(f"A: {ask(q)}")
