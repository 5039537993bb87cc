# A base URL built from an f-string whose host is written out up to its domain: another
# server, whatever the region is.
import os

from openai import OpenAI

region = os.environ.get("AWS_REGION", "us-east-1")
client = OpenAI(base_url=f"https://bedrock-mantle.{region}.api.aws/v1")

reply = client.chat.completions.create(
    model="openai.gpt-oss-120b",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)
