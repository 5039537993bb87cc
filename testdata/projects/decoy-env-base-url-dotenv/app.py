# The project's .env sends the argument-less client to DeepSeek, which has no /v1/responses.
from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
