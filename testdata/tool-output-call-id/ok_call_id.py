from openai import OpenAI

client = OpenAI()

import json

history = [{"role": "user", "content": "Weather in Oslo?"}]
tools = [{"type": "function", "name": "get_weather", "parameters": {"type": "object", "properties": {}}, "strict": False}]
while True:
    reply = client.responses.create(model="gpt-5.5", input=history, tools=tools, store=False)
    calls = [item for item in reply.output if item.type == "function_call"]
    if not calls:
        break
    history += reply.output
    for call in calls:
        history.append({"type": "function_call_output", "call_id": call.call_id, "output": json.dumps({"temp": 4})})
print(reply.output_text)
