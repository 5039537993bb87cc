# The method is bound to a name and called through it: found, shown, not rewritten alone.
from openai import OpenAI

client = OpenAI()
complete = client.chat.completions.create


def ask(question):
    reply = complete(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content
