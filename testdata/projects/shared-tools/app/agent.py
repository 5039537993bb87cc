import json

from openai import OpenAI

from .tools import TOOLS

client = OpenAI()


def weather_call(question):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        tools=TOOLS,
        tool_choice="auto",
    )
    for call in completion.choices[0].message.tool_calls or []:
        return call.function.name, json.loads(call.function.arguments)
    return None
