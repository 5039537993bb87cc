from openai import OpenAI

client = OpenAI()


def complete(messages, **kwargs):
    return client.chat.completions.create(model="gpt-5.5", messages=messages, **kwargs)


def fetch(prompt, client):
    resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": prompt}])
    return resp
