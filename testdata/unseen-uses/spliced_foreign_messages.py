# A message list started as a literal, then grown with messages the unit cannot see: each
# spliced item may be Chat-shaped (assistant `tool_calls`, `role: "tool"`), which the
# Responses API rejects. Every request stays as it is; the finding names the splice's line.
from openai import OpenAI

client = OpenAI()


def extended(question, history):
    messages = [{"role": "system", "content": "Be brief."}]
    messages.extend(history)
    messages.append({"role": "user", "content": question})
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def added(question, history):
    messages = [{"role": "system", "content": "Be brief."}]
    messages += history
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def starred(question, history):
    messages = [{"role": "system", "content": "Be brief."}, *history, {"role": "user", "content": question}]
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def inline_starred(question, history):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[*history, {"role": "user", "content": question}],
    )
    return response.choices[0].message.content


def looped(question, history):
    messages = [{"role": "system", "content": "Be brief."}]
    for m in history:
        messages.append(m)
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def inserted(question, history):
    messages = [{"role": "user", "content": question}]
    messages.insert(0, history[0])
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def loaded(question):
    messages = [{"role": "system", "content": "Be brief."}]
    messages.extend(load_history())
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return response.choices[0].message.content


def load_history():
    return []


SHARED = [{"role": "system", "content": "Be brief."}]


def remember(message):
    SHARED.append(message)


def shared_list():
    response = client.chat.completions.create(model="gpt-4o-mini", messages=SHARED)
    return response.choices[0].message.content
