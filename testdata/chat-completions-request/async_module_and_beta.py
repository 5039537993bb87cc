import asyncio

import openai
from openai import AsyncOpenAI

aclient = AsyncOpenAI()


async def summarise(text: str) -> str:
    resp = await aclient.chat.completions.create(
        model="gpt-5-mini",
        messages=[{"role": "user", "content": f"Summarise: {text}"}],
        temperature=0.3,
    )
    return resp.choices[0].message.content


def quick(prompt):
    # The module-level client.
    reply = openai.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": prompt}])
    return reply.choices[0].message.content


def old_beta(prompt):
    out = openai.beta.chat.completions.parse(model="gpt-5.5", messages=[{"role": "user", "content": prompt}])
    return out.choices[0].message.parsed


print(asyncio.run(summarise("A long report.")), quick("hi"), old_beta("x"))
