"""Posted by hand to the Responses URL, with a Responses body and reads."""
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}

body = {
    "model": "gpt-4o-mini",
    "input": [{"role": "user", "content": "What is the capital of France?"}],
    "max_output_tokens": 100,
    "store": False,
}
reply = httpx.post(f"{BASE}/responses", headers=HEADERS, json=body, timeout=30)
reply.raise_for_status()
data = reply.json()
texts = [part["text"] for item in data["output"] if item["type"] == "message" for part in item["content"]]
print("".join(texts))
print(f"prompt tokens: {data['usage']['input_tokens']}")
