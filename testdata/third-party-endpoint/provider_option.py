# A `provider` option sends the requests to another service (Bedrock here): not proven
# OpenAI, so nothing is rewritten, even with --unsafe-fixes.
from openai import OpenAI

client = OpenAI(provider=bedrock_provider("us-east-1"))
reply = client.chat.completions.create(
    model="anthropic.claude-3-5-sonnet",
    messages=[{"role": "user", "content": "hi"}],
)
print(reply.choices[0].message.content)
