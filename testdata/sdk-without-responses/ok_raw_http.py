import os

import requests

# Posted by hand: no SDK involved, so its pin does not matter.
reply = requests.post(
    "https://api.openai.com/v1/chat/completions",
    headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
    json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello"}]},
    timeout=30,
)
print(reply.json()["choices"][0]["message"]["content"])
