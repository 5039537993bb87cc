from openai import OpenAI

client = OpenAI()


def relay(q, write):
    stream = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": q}], stream=True)
    for part in stream:
        if part.choices[0].delta.content is None:
            break
        write(part.choices[0].delta.content)
