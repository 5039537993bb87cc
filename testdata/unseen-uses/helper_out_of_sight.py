"""Helpers whose callers responsify cannot all see: shown, not rewritten."""
from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])


def ask_all(questions):
    # `ask` is handed on as a value: map's callers are out of sight.
    return list(map(ask, questions))


print(ask("Hi").choices[0].message.content)


class Assistant:
    def reply(self, question):
        # A method's callers go through objects.
        return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])


def stream(question):
    return client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}], stream=True
    )


for chunk in stream("Tell me a story"):
    # Kept in a list: read later through the list.
    chunks = [chunk]


def summarize(text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])


def report(texts):
    def summarize(text):
        # Another `summarize`: the call below may reach this one.
        return text[:10]

    return [summarize(t).choices[0].message.content for t in texts]
