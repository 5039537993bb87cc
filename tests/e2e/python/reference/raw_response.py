"""Read HTTP headers next to the parsed response with with_raw_response."""
from openai import OpenAI

client = OpenAI()

raw = client.responses.with_raw_response.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Give me a fun fact about octopuses."}],
    store=False,
)
print("request id:", raw.headers.get("x-request-id"))
print("status:", raw.status_code)
print("request id (attribute):", raw.request_id)

response = raw.parse()
print(response.output_text)
print("usage:", response.usage.input_tokens, "+", response.usage.output_tokens,
      "=", response.usage.total_tokens)
