from openai import OpenAI

client = OpenAI()

followup = client.responses.create(
    model="gpt-5.5",
    input=[
        {"role": "user", "content": "Weather in Oslo?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_9", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}],
        },
        {"type": "function_call_output", "call_id": "call_9", "output": "rain"},
    ],
    store=False,
)
print(followup.output_text)
