# /// script
# requires-python = ">=3.10"
# dependencies = [
#   "httpx",
#   "openai==1.30.0",
# ]
# ///
# `uv run` installs exactly the block's dependencies, whatever requirements.txt says.
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
