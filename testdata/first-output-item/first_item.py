import json

from openai import OpenAI

client = OpenAI()
TOOLS = [{"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": False}]

resp = client.responses.create(model="o4-mini", input="Look it up.", tools=TOOLS, store=True)
call = resp.output[0]
print(json.loads(call.arguments))
