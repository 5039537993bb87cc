# /// script
# dependencies = ["openai>=1.66"]
# ///
# The script's own metadata asks for an SDK with the Responses API: requirements.txt beside
# it (openai==1.48.0) is not what `uv run` installs, so the call migrates.
from openai import OpenAI

client = OpenAI()
r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
print(r.choices[0].message.content)
