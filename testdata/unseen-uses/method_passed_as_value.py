from openai import OpenAI

client = OpenAI()


def with_retries(fn, **kwargs):
    return fn(**kwargs)


def ask(q):
    completion = with_retries(client.chat.completions.create, model="gpt-5.5", messages=[{"role": "user", "content": q}])
    return completion.choices[0].message.content


def alias(q):
    create = client.chat.completions.create
    return create(model="gpt-5.5", messages=[{"role": "user", "content": q}]).choices[0].message.content
