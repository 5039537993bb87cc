# The reply is appended to a history that other code reads back as chat messages: once the
# fix extends the list with the output items, `history[-1].content` is a list of parts and a
# reasoning item has no `role`. Each request stays as it is; the finding names the reader.
from openai import OpenAI

client = OpenAI()


def transcript():
    history = [{"role": "user", "content": "hi"}]
    response = client.chat.completions.create(model="gpt-4o-mini", messages=history)
    history.append(response.choices[0].message)
    print(history[-1].content)
    for m in history[1:]:
        print(m.role, ":", m.content)


def counted(question):
    messages = [{"role": "user", "content": question}]
    response = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    message = response.choices[0].message
    messages.append(message)
    print(len(messages), "messages")
    return save(messages)


def save(messages):
    return messages


class Chat:
    def __init__(self):
        self.log = []

    def ask(self, question):
        response = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
        )
        self.log.append(response.choices[0].message)
        return response.choices[0].message.content
