import requests

body = {
    "model": "gpt-4.1",
    "messages": [{"role": "user", "content": "Hi"}],
    "max_tokens": 100,
    "response_format": {"type": "json_object"},
}
r = requests.post("https://api.openai.com/v1/responses", json=body, timeout=30)
r.raise_for_status()
data = r.json()
print(data["choices"][0]["message"]["content"], data["usage"]["prompt_tokens"])
