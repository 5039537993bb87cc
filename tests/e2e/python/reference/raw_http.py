"""Ask over plain HTTP with httpx, call a local tool, and print the answers and the cost."""
import json
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}
MODEL = "gpt-4o-mini"


def ask(question):
    reply = httpx.post(
        f"{BASE}/responses",
        headers=HEADERS,
        json={"model": MODEL, "input": [{"role": "user", "content": question}], "max_output_tokens": 200, "store": False},
        timeout=30,
    )
    reply.raise_for_status()
    data = reply.json()
    print(f"prompt tokens: {data['usage']['input_tokens']}")
    return "".join(part["text"] for item in data["output"] if item["type"] == "message" for part in item["content"] if part["type"] == "output_text")


def get_weather(city, unit="celsius"):
    return json.dumps({"city": city, "unit": unit, "temperature": 18, "conditions": "cloudy"})


TOOLS = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Get the current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
            "required": ["city"],
        },
        "strict": False
    }
]


def weather(question):
    messages = [{"role": "user", "content": question}]
    first = httpx.post(
        f"{BASE}/responses",
        headers=HEADERS,
        json={"model": MODEL, "input": messages, "tools": TOOLS, "store": False},
        timeout=30,
    ).json()
    message = first
    messages.extend(message["output"])
    for call in [item for item in message["output"] if item["type"] == "function_call"]:
        args = json.loads(call["arguments"])
        print(f"calling {call['name']}({args})")
        messages.append({"type": "function_call_output", "call_id": call["call_id"], "output": get_weather(**args)})
    second = httpx.post(
        f"{BASE}/responses",
        headers=HEADERS,
        json={"model": MODEL, "input": messages, "tools": TOOLS, "store": False},
        timeout=30,
    ).json()
    return "".join(part["text"] for item in second["output"] if item["type"] == "message" for part in item["content"] if part["type"] == "output_text")


print(ask("What is the capital of France?"))
print(weather("What's the weather in Paris and Tokyo right now?"))
