"""A question sent as content parts on the Responses API."""
from openai import OpenAI

client = OpenAI()

resp = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": [{"type": "input_text", "text": "How many hearts does an octopus have?"}]}],
    tool_choice="none",
    store=False,
)
print(resp.output_text)
