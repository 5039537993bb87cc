"""Ask over plain HTTP with httpx, call a local tool, and print the answers and the cost."""
import json
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}
MODEL = "gpt-4o-mini"


def ask(question):
    reply = httpx.post(
        f"{BASE}/chat/completions",
        headers=HEADERS,
        json={"model": MODEL, "messages": [{"role": "user", "content": question}], "max_tokens": 200},
        timeout=30,
    )
    reply.raise_for_status()
    data = reply.json()
    print(f"prompt tokens: {data['usage']['prompt_tokens']}")
    return data["choices"][0]["message"]["content"]


def get_weather(city, unit="celsius"):
    return json.dumps({"city": city, "unit": unit, "temperature": 18, "conditions": "cloudy"})


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]


def weather(question):
    messages = [{"role": "user", "content": question}]
    first = httpx.post(
        f"{BASE}/chat/completions",
        headers=HEADERS,
        json={"model": MODEL, "messages": messages, "tools": TOOLS},
        timeout=30,
    ).json()
    message = first["choices"][0]["message"]
    messages.append(message)
    for call in message["tool_calls"]:
        args = json.loads(call["function"]["arguments"])
        print(f"calling {call['function']['name']}({args})")
        messages.append({"role": "tool", "tool_call_id": call["id"], "content": get_weather(**args)})
    second = httpx.post(
        f"{BASE}/chat/completions",
        headers=HEADERS,
        json={"model": MODEL, "messages": messages, "tools": TOOLS},
        timeout=30,
    ).json()
    return second["choices"][0]["message"]["content"]


print(ask("What is the capital of France?"))
print(weather("What's the weather in Paris and Tokyo right now?"))
