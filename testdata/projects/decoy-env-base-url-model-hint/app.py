# No environment file in the repository, but OpenAI serves no llama model: OPENAI_BASE_URL
# must send this client to another server (an Ollama one, likely).
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="llama3.2", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
