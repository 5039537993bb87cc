import os

from openai import OpenAI

ollama = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
router = OpenAI(base_url=os.environ["LLM_BASE_URL"])

print(ollama.chat.completions.create(model="llama3", messages=[{"role": "user", "content": "hi"}]).choices[0].message.content)
print(router.chat.completions.create(model="mixtral", messages=[{"role": "user", "content": "hi"}]).choices[0].message.content)
