# One vision message list sent to OpenAI and to Groq, and one params dict sent to OpenAI and
# to a local server: rewriting either for Responses would break the call that stays.
from groq import Groq
from openai import OpenAI

openai_client = OpenAI()
groq_client = Groq()
local = OpenAI(base_url="http://localhost:11434/v1", api_key="unused")

picture = [
    {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": "https://example.com/dog.png"}},
        ],
    }
]
first = openai_client.chat.completions.create(model="gpt-4o-mini", messages=picture)
second = groq_client.chat.completions.create(model="llama-3.2-11b-vision-preview", messages=picture)
print(first.choices[0].message.content, second.choices[0].message.content)

settings = {"model": "gpt-4o-mini", "max_tokens": 50, "messages": [{"role": "user", "content": "Hi"}]}
remote = openai_client.chat.completions.create(**settings)
nearby = local.chat.completions.create(**settings)
print(remote.choices[0].message.content, nearby.choices[0].message.content)
