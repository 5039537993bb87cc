# Azure's v1 endpoint built from an environment variable: it serves the Responses API, but
# every deployment must point it at /openai/v1, so the fix is unsafe.
import os

from openai import OpenAI

client = OpenAI(
    base_url=f"{os.environ['AZURE_OPENAI_ENDPOINT']}/openai/v1/",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "hi"}],
)
print(reply.choices[0].message.content)
