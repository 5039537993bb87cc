from openai import OpenAI

client = OpenAI()

tools = [
    {
        "type": "function",
        "function": {
            "name": "lookup_order",
            "description": "Find an order by its number",
            "parameters": {"type": "object", "properties": {"number": {"type": "string"}}, "required": ["number"]},
        },
    },
    {"type": "web_search"},
]
reply = client.responses.create(model="gpt-5.5", input="Where is order 42?", tools=tools, store=False)
print(reply.output)
