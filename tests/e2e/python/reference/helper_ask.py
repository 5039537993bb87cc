"""A small helper wrapped around the client, used for several questions."""
from openai import OpenAI

client = OpenAI()


def ask(question, model="gpt-4o-mini"):
    resp = client.responses.create(
        model=model,
        input=[{"role": "user", "content": question}],
        max_output_tokens=100,
        store=False,
    )
    return resp.output_text


if __name__ == "__main__":
    for q in ["What is 2 + 2?", "Name a primary color."]:
        print(f"Q: {q}")
        print(f"A: {ask(q)}")
