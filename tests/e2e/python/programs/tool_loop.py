"""Weather assistant: let the model call a local function, feed the results back, print the answer."""
import json

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

FAKE_WEATHER = {
    "Paris": {"temperature": 18, "conditions": "cloudy"},
    "Tokyo": {"temperature": 24, "conditions": "sunny"},
}


def get_weather(city, unit="celsius"):
    data = FAKE_WEATHER.get(city, {"temperature": 20, "conditions": "clear"})
    return json.dumps({"city": city, "unit": unit, **data})


tools = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "City name, e.g. Paris"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                },
                "required": ["city"],
            },
        },
    }
]

messages = [{"role": "user", "content": "What's the weather in Paris and Tokyo right now?"}]

response = client.chat.completions.create(model=MODEL, messages=messages, tools=tools)
msg = response.choices[0].message

if msg.tool_calls:
    messages.append(msg)
    for tc in msg.tool_calls:
        args = json.loads(tc.function.arguments)
        print(f"calling {tc.function.name}({args}) id={tc.id}")
        result = get_weather(**args)
        messages.append({"role": "tool", "tool_call_id": tc.id, "content": result})

    response = client.chat.completions.create(model=MODEL, messages=messages, tools=tools)

print(response.choices[0].message.content)
