from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup",
            "description": (
                "Look up an order by its number. "
                "Use it whenever the user names an order."
            ),
            "parameters": {
                "type": "object",
                "properties": {"number": {"type": "string"}},
            },
        },
    }
]
resp = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "hi"}], tools=TOOLS)
print(resp.choices[0].message.content)
