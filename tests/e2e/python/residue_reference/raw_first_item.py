"""Ask over plain HTTP on the Responses API, reading the reply's message items."""
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}


def text_of(response):
    return "".join(
        part["text"]
        for item in response["output"]
        if item["type"] == "message"
        for part in item["content"]
        if part["type"] == "output_text"
    )


for question in ["What is the capital of France?", "What is 2 + 2?"]:
    reply = httpx.post(
        f"{BASE}/responses",
        headers=HEADERS,
        json={"model": "o4-mini", "input": question, "store": False},
        timeout=30,
    )
    reply.raise_for_status()
    print(text_of(reply.json()))
