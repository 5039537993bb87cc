# The reply's text tested for None: Chat's `message.content` is None when the model calls a
# tool; `output_text` is always a string ("" then). The tests compare it with "" instead, so
# the branch for "no text" still runs.
from openai import OpenAI

client = OpenAI()

TOOLS = [{"type": "function", "function": {"name": "now", "parameters": {"type": "object", "properties": {}}}}]


def named():
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "what time is it?"}], tools=TOOLS
    )
    content = r.choices[0].message.content
    if content is None:
        print("the model asked for a tool")
    elif content != None:
        print(content)


def direct():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    has_text = r.choices[0].message.content is not None
    if r.choices[0].message.content == None:
        return None
    return has_text
