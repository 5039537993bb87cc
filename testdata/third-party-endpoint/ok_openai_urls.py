import os

from openai import OpenAI

explicit = OpenAI(base_url="https://api.openai.com/v1")
configured = OpenAI(base_url=os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"))

print(explicit.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "a"}]).choices[0].message.content)
print(configured.chat.completions.create(model="gpt-5.5", messages=[{"role": "user", "content": "b"}]).choices[0].message.content)
