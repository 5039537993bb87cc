# The file imports the openai SDK too: a client it cannot trace may well be openai's, so the
# call is reported as one (its fix waits for the client to be seen).
import groq
from openai import OpenAI


def ask(client, question):
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content
