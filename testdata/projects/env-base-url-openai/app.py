# The project's .env points OPENAI_BASE_URL at OpenAI's own API: the call migrates.
from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
