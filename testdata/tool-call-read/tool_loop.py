import json

from openai import OpenAI

client = OpenAI()
tools = [{"type": "function", "function": {"name": "add", "parameters": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}}}}]
messages = [{"role": "user", "content": "What is 2 + 40?"}]

first = client.chat.completions.create(model="gpt-5.5", messages=messages, tools=tools)
message = first.choices[0].message
if message.tool_calls:
    messages.append(message)
    for call in message.tool_calls:
        args = json.loads(call.function.arguments)
        print("calling", call.function.name, args)
        messages.append({"role": "tool", "tool_call_id": call.id, "content": str(args["a"] + args["b"])})
    second = client.chat.completions.create(model="gpt-5.5", messages=messages, tools=tools)
    print(second.choices[0].message.content)
