# docker-compose.yml, a folder up, points OPENAI_BASE_URL at the Ollama service.
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
