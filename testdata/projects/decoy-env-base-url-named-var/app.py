# The fallback is OpenAI's, but the project's .env sets LLM_BASE_URL to OpenRouter.
import os

from openai import OpenAI

client = OpenAI(base_url=os.getenv("LLM_BASE_URL", "https://api.openai.com/v1"))
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
