# SDK request options are not body keys: they mean the same on `responses.create`.
from openai import OpenAI

client = OpenAI()
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Say hi"}],
    extra_headers={"X-Trace": "1"},
    extra_query={"tenant": "a"},
    extra_body={"metadata": {"team": "search"}},
    timeout=30,
)
print(reply.choices[0].message.content)
