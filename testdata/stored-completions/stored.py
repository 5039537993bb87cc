from openai import OpenAI

client = OpenAI()


def housekeeping(completion_id: str) -> None:
    stored = client.chat.completions.retrieve(completion_id)
    print(stored.choices[0].message.content)
    messages = client.chat.completions.messages.list(completion_id)
    print(len(messages.data))
    client.chat.completions.update(completion_id, metadata={"reviewed": "yes"})
    for completion in client.chat.completions.list(model="gpt-5.5"):
        print(completion.id)
    client.chat.completions.delete(completion_id)
