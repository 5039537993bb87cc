"""Ask over plain HTTP on the Responses API, reading the first output item as the reply."""
# responsify e2e: --unsafe-fixes (the rewrite of the first item's text to every message's text is unsafe)
import os

import httpx

BASE = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
HEADERS = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}

reply = httpx.post(
    f"{BASE}/responses",
    headers=HEADERS,
    json={"model": "o4-mini", "input": "What is the capital of France?", "store": False},
    timeout=30,
)
reply.raise_for_status()
print(reply.json()["output"][0]["content"][0]["text"])
data = httpx.post(
    f"{BASE}/responses",
    headers=HEADERS,
    json={"model": "o4-mini", "input": "What is 2 + 2?", "store": False},
    timeout=30,
).json()
print(data["output"][0]["content"][0]["text"])
