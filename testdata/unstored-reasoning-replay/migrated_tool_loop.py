import json

from openai import OpenAI

client = OpenAI()
TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]

history = [{"role": "user", "content": "Look it up."}]
first = client.chat.completions.create(model="o3-mini", messages=history, tools=TOOLS)
message = first.choices[0].message
history.append(message)
for call in message.tool_calls or []:
    history.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps({"ok": True})})
