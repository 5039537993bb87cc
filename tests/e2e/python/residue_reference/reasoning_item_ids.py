"""Weather desk on a reasoning model, half-migrated: an earlier exchange kept in chat form, tool
results keyed by the output item's id, and output replayed without its encrypted reasoning."""
import json

from openai import OpenAI

client = OpenAI()

TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        "strict": False,
    }
]
WEATHER = {"Tokyo": (24, "sunny"), "Paris": (18, "cloudy")}


def get_weather(city, unit="celsius"):
    temperature, conditions = WEATHER[city]
    return json.dumps({"city": city, "temperature": temperature, "conditions": conditions})


items = [
    {"role": "user", "content": "What's the weather in Tokyo?"},
    {"type": "function_call", "call_id": "call_tokyo", "name": "get_weather", "arguments": "{\"city\": \"Tokyo\"}"},
    {"type": "function_call_output", "call_id": "call_tokyo", "output": get_weather("Tokyo")},
    {"role": "user", "content": "And the weather in Paris?"},
]
response = client.responses.create(
    model="gpt-5-mini", input=items, tools=TOOLS, store=False, include=["reasoning.encrypted_content"]
)
calls = [item for item in response.output if item.type == "function_call"]
items += response.output
for call in calls:
    print("asked for", call.name, json.loads(call.arguments))
    items.append({"type": "function_call_output", "call_id": call.call_id, "output": get_weather(**json.loads(call.arguments))})
final = client.responses.create(model="gpt-5-mini", input=items, tools=TOOLS, store=False)
print(final.output_text)
