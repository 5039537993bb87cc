import os

from openai import OpenAI

client = OpenAI(base_url=os.getenv("LLM_URL", "http://127.0.0.1:8000/v1"), api_key="none")
print(client.chat.completions.create(model="local", messages=[{"role": "user", "content": "hi"}]).choices[0].message.content)
