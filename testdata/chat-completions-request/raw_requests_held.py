"""Chat Completions posted by hand that responsify shows but does not rewrite."""
import json
import os

import httpx
import requests
from requests import post

SHARED_URL = "https://api.openai.com/v1/chat/completions"
CHAT_URL = os.environ.get("CHAT_URL", "https://api.openai.com/v1/chat/completions")


def first(question):
    # The constant is read by `second` too.
    return requests.post(SHARED_URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]}).json()["choices"][0]["message"]["content"]


def second(question):
    reply = post(SHARED_URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]})
    return reply.json()["choices"][0]["message"]["content"]


def whole(question):
    # The whole reply goes to the caller.
    reply = httpx.post("https://api.openai.com/v1/chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]})
    return reply.json()


def from_environment(question):
    # The path itself is in the environment variable's fallback.
    reply = requests.post(CHAT_URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]})
    return reply.json()["choices"][0]["message"]["content"]


def streamed(question):
    session = requests.Session()
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": question}], "stream": True}
    with session.post("https://api.openai.com/v1/chat/completions", data=json.dumps(body), stream=True) as reply:
        for line in reply.iter_lines():
            print(line)


def somewhere(url, payload):
    # Neither URL nor body can be read: only the routes that name the endpoint are sites.
    return requests.post(url, json=payload).json()


def local(question):
    reply = requests.post("http://localhost:8000/v1/chat/completions", json={"model": "llama3", "messages": [{"role": "user", "content": question}]})
    return reply.json()["choices"][0]["message"]["content"]


def bare_path(client_base, question):
    # A path on a client whose base responsify cannot read: it may go anywhere.
    with httpx.Client(base_url=client_base) as api:
        reply = api.post("/v1/chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": question}]})
    return reply.json()["choices"][0]["message"]["content"]
