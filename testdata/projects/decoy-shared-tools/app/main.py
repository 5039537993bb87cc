from openai import OpenAI

from app.tools import SYSTEM, TOOLS

client = OpenAI()


def run(q):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}],
        tools=TOOLS,
    )
    return r.choices[0].message.content
