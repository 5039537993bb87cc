from openai import OpenAI

client = OpenAI()

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup_sku",
            "description": "Find a product by SKU",
            "parameters": {"type": "object", "properties": {"sku": {"type": "string"}}, "required": ["sku"]},
        },
    },
]

resp = client.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "Find SKU 42"}], tools=TOOLS, tool_choice="auto")
print(resp.choices[0].message.content)
