from openai import OpenAI

client = OpenAI()

followup = client.responses.create(
    model="gpt-5.5",
    input=[
        {"role": "user", "content": "Weather in Oslo?"},
        {"role": "assistant", "content": None, "function_call": {"name": "get_weather", "arguments": "{}"}},
        {"role": "function", "name": "get_weather", "content": "rain"},
    ],
    store=False,
)
print(followup.output_text)
