from openai import OpenAI

client = OpenAI()


def collect():
    stream = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "hi"}], stream=True)
    chunks = []
    for part in stream:
        chunks.append(part)
    print("".join(c.choices[0].delta.content or "" for c in chunks))
