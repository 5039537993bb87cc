from openai import OpenAI

client = OpenAI()
note = load_note()
history = [
    {"role": "user", "content": "Check stock for SKU 9"},
    {"role": "assistant", "content": note, "tool_calls": [{"id": "call_s", "type": "function", "function": {"name": "stock", "arguments": '{"sku": 9}'}}]},
    {"role": "tool", "tool_call_id": "call_s", "content": "12 left"},
]
r = client.chat.completions.create(model="gpt-5.5", messages=history)
print(r.choices[0].message.content)
