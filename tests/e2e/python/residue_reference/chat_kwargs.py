"""A one-shot question on the Responses API."""
from openai import OpenAI

client = OpenAI()

resp = client.responses.create(
    model="gpt-4o-mini",
    input=[
        {"role": "system", "content": "You answer geography questions."},
        {"role": "user", "content": "What is the capital of France?"},
    ],
    max_output_tokens=200,
    store=False,
)
print(resp.output_text)
