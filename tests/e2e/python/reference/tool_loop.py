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
        "strict": False,
    }
]

input_items = [{"role": "user", "content": "What's the weather in Paris and Tokyo right now?"}]

response = client.responses.create(model=MODEL, input=input_items, tools=tools, store=False)
calls = [item for item in response.output if item.type == "function_call"]

if calls:
    input_items += response.output
    for tc in calls:
        args = json.loads(tc.arguments)
        print(f"calling {tc.name}({args}) id={tc.call_id}")
        result = get_weather(**args)
        input_items.append({"type": "function_call_output", "call_id": tc.call_id, "output": result})

    response = client.responses.create(model=MODEL, input=input_items, tools=tools, store=False)

print(response.output_text)
