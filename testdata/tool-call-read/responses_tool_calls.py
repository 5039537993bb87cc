from openai import OpenAI

client = OpenAI()

import json

reply = client.responses.create(
    model="gpt-5.5",
    input="Weather in Oslo?",
    tools=[{"type": "function", "name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": False}],
    store=False,
)
for call in reply.choices[0].message.tool_calls:
    args = json.loads(call.function.arguments)
    print(call.id, call.function.name, args)
