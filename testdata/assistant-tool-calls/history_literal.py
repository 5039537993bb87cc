from openai import OpenAI

client = OpenAI()
history = [
    {"role": "user", "content": "Convert 3 miles to km"},
    {
        "role": "assistant",
        "content": "Converting.",
        "tool_calls": [
            {"id": "call_m", "type": "function", "function": {"name": "convert", "arguments": '{"miles": 3}'}},
        ],
    },
    {"role": "tool", "tool_call_id": "call_m", "content": "4.83"},
]
done = client.chat.completions.create(model="gpt-5.5", messages=history)
print(done.choices[0].message.content)
