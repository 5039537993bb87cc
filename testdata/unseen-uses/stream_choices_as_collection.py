# A chunk's `choices` used as a collection (`len` compared with something else than an
# emptiness test, iteration, kept in a name, printed): a Responses event has no `choices`,
# and the boolean event-type check cannot stand in for a list. Each request stays as it is;
# the finding names the line.
from openai import OpenAI

client = OpenAI()


def iterated():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    for chunk in stream:
        for choice in chunk.choices:
            print(choice.delta.content or "", end="")


def counted():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    for chunk in stream:
        if len(chunk.choices) > 1:
            print("several choices")
        print(chunk.choices[0].delta.content or "", end="")


def kept():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    for chunk in stream:
        choices = chunk.choices
        if choices:
            print(choices[0].delta.content or "", end="")
