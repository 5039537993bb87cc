from openai import OpenAI

from app.tools import TOOLS

client = OpenAI()


def many(q):
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}], tools=TOOLS, n=3)
    return [c.message.content for c in r.choices]
