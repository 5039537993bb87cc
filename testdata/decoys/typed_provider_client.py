"""Clients typed as another library's: their chat calls are Groq's, not OpenAI's."""
import groq
from groq import AsyncGroq


def ask(client: groq.Groq, question):
    reply = client.chat.completions.create(
        model="llama-3.1-8b-instant",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content


async def ask_async(client: AsyncGroq, question):
    reply = await client.chat.completions.create(
        model="llama-3.1-8b-instant",
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content
