# environment.yml pins openai 1.40.0 in its pip list: no `client.responses` there (1.66.0).
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
