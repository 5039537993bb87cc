"""A question sent as content parts in the chat form."""
from openai import OpenAI

client = OpenAI()

resp = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": [{"type": "text", "text": "How many hearts does an octopus have?"}]}],
    tool_choice="none",
    store=False,
)
print(resp.output_text)
