from openai import OpenAI

client = OpenAI()


def ask(question: str) -> str:
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-5.5",
        messages=[{"role": "user", "content": question}],
    )
    print(raw.request_id, raw.headers.get("x-ratelimit-remaining-requests"))
    completion = raw.parse()
    return completion.choices[0].message.content
