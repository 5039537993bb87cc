"""Weather assistant after an agent's migration: nested tools and `tool` messages left behind."""
import json

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

FAKE_WEATHER = {"Paris": {"temperature": 18, "conditions": "cloudy"}, "Tokyo": {"temperature": 24, "conditions": "sunny"}}


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
                "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                "required": ["city"],
            },
        },
    }
]

history = [{"role": "user", "content": "What's the weather in Paris and Tokyo right now?"}]
response = client.responses.create(model=MODEL, input=history, tools=tools, store=False)
calls = [item for item in response.output if item.type == "function_call"]
if calls:
    history += response.output
    for call in calls:
        args = json.loads(call.arguments)
        print(f"calling {call.name}({args})")
        history.append({"role": "tool", "tool_call_id": call.call_id, "content": get_weather(**args)})
    response = client.responses.create(model=MODEL, input=history, tools=tools, store=False)
print(response.output_text)
print("tokens:", response.usage.prompt_tokens, response.usage.completion_tokens)
