from openai import OpenAI

client = OpenAI()


def run(question: str) -> str:
    messages = [{"role": "user", "content": question}]
    first = client.chat.completions.create(model="gpt-5.5", messages=messages)
    remember(first)
    messages.append({"role": "assistant", "content": first.choices[0].message.content})
    messages.append({"role": "user", "content": "Shorter, please."})
    final = client.chat.completions.create(model="gpt-5.5", messages=messages)
    return final.choices[0].message.content
