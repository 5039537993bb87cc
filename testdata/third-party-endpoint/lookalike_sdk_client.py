# A module of a library that adapts another provider's SDK: its client is a parameter, and
# the file imports groq, not openai. The call is groq's, with a note, not a migration.
import groq


def from_groq(client: "groq.Groq", mode: str):
    if not isinstance(client, (groq.Groq, groq.AsyncGroq)):
        raise TypeError("a groq client is needed")
    return wrap(create=client.chat.completions.create, mode=mode)


def ask(client, question):
    reply = client.chat.completions.create(
        model="llama-3.3-70b-versatile",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content
