from openai import OpenAI

client = OpenAI()


def stream_answer(question):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        stream=True,
    )
