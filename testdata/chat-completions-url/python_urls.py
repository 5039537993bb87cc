"""Posts to /v1/chat/completions by hand (this docstring is prose, not a finding)."""
import os

import httpx
import requests

OPENAI_CHAT_URL = "https://api.openai.com/v1/chat/completions"
BATCH_PATH = "/v1/chat/completions"
LOCAL_URL = "http://localhost:8000/v1/chat/completions"
AZURE_URL = f"{os.environ['AZURE_OPENAI_ENDPOINT']}/openai/deployments/{os.environ['DEPLOYMENT']}/chat/completions?api-version=2024-02-01"


def ask(question):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": question}]}
    reply = requests.post(OPENAI_CHAT_URL, json=body, timeout=30).json()
    return reply["choices"][0]["message"]["content"]


async def ask_local(question):
    async with httpx.AsyncClient() as http:
        reply = await http.post(LOCAL_URL, json={"model": "llama3", "messages": []})
        return reply.json()
