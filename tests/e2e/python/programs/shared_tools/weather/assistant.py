import json

from openai import OpenAI

from weather.tools import TOOLS

client = OpenAI()
FORECASTS = {"Paris": "cloudy, 18 C", "Tokyo": "sunny, 24 C"}


def answer(question):
    messages = [{"role": "user", "content": question}]
    first = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=TOOLS)
    reply = first.choices[0].message
    if not reply.tool_calls:
        return reply.content
    messages.append(reply)
    for call in reply.tool_calls:
        city = json.loads(call.function.arguments)["city"]
        print(f"tool: {call.function.name}({city})")
        messages.append({"role": "tool", "tool_call_id": call.id, "content": FORECASTS.get(city, "unknown")})
    second = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=TOOLS)
    return second.choices[0].message.content
