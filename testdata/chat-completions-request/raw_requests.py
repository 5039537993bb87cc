"""Chat Completions posted by hand with requests, httpx and aiohttp: each migrates whole."""
import json
import os

import aiohttp
import httpx
import requests

OPENAI_CHAT_URL = "https://api.openai.com/v1/chat/completions"
BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "weather",
            "description": "Weather in a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]


def ask(question):
    body = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": question}],
        "max_tokens": 100,
    }
    reply = requests.post(OPENAI_CHAT_URL, headers=HEADERS, json=body, timeout=30)
    reply.raise_for_status()
    data = reply.json()
    print(data["usage"]["prompt_tokens"], data["usage"]["total_tokens"])
    return data["choices"][0]["message"]["content"]


async def ask_async(question):
    # The base URL may be redirected by the environment: an unsafe fix.
    async with httpx.AsyncClient() as http:
        reply = await http.post(
            f"{BASE}/chat/completions",
            headers=HEADERS,
            json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": question}]},
        )
        return reply.json()["choices"][0]["message"]["content"]


async def weather(question):
    async with aiohttp.ClientSession(headers=HEADERS) as session:
        async with session.post(
            "https://api.openai.com/v1/chat/completions",
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}], "tools": TOOLS},
        ) as resp:
            data = await resp.json()
    message = data["choices"][0]["message"]
    for call in message["tool_calls"]:
        print(call["id"], call["function"]["name"], json.loads(call["function"]["arguments"]))
    if data["choices"][0]["finish_reason"] == "length":
        print("cut short")


def on_a_client_with_a_base(question):
    # The path is joined to the client's `base_url`, which is OpenAI's.
    with httpx.Client(base_url="https://api.openai.com/v1", headers=HEADERS) as api:
        reply = api.post("/chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]})
    return reply.json()["choices"][0]["message"]["content"]
