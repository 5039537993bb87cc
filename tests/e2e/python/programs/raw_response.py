"""Read HTTP headers next to the parsed completion with with_raw_response."""
from openai import OpenAI

client = OpenAI()

raw = client.chat.completions.with_raw_response.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Give me a fun fact about octopuses."}],
)
print("request id:", raw.headers.get("x-request-id"))
print("status:", raw.status_code)
print("request id (attribute):", raw.request_id)

completion = raw.parse()
print(completion.choices[0].message.content)
print("usage:", completion.usage.prompt_tokens, "+", completion.usage.completion_tokens,
      "=", completion.usage.total_tokens)
