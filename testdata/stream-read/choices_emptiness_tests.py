# Tests of whether a chunk has choices, however spelled, become the event-type check (and its
# negation); reads they guard become the bare delta.
from openai import OpenAI

client = OpenAI()


def azure_guard():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    text = ""
    for chunk in stream:
        if len(chunk.choices) > 0 and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
    return text


def skip_empty():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    for chunk in stream:
        if len(chunk.choices) == 0:
            continue
        print(chunk.choices[0].delta.content or "", end="")


def compared_with_empty():
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me a joke"}], stream=True
    )
    for chunk in stream:
        if chunk.choices == []:
            continue
        has_text = bool(chunk.choices) and chunk.choices != []
        print(has_text, chunk.choices[0].delta.content or "", end="")
