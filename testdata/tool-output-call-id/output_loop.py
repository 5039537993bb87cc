import json

from openai import OpenAI

client = OpenAI()

items = [{"role": "user", "content": "Weather in Oslo?"}]
response = client.responses.create(model="gpt-4.1", input=items, store=True)
items += response.output
for item in response.output:
    if item.type == "function_call":
        items.append({"type": "function_call_output", "call_id": item.id, "output": json.dumps({"temp": 4})})
print(item.id)
