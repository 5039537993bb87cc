"""Posted by hand to the Responses URL, with a Chat Completions body and reads left behind."""
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}

body = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "What is the capital of France?"}],
    "max_tokens": 100,
    "store": False,
}
reply = httpx.post(f"{BASE}/responses", headers=HEADERS, json=body, timeout=30)
reply.raise_for_status()
data = reply.json()
print(data["choices"][0]["message"]["content"])
print(f"prompt tokens: {data['usage']['prompt_tokens']}")
