"""A one-shot question whose call moved to responses.create but kept its chat keywords."""
from openai import OpenAI

client = OpenAI()

resp = client.responses.create(
    model="gpt-4o-mini",
    messages=[
        {"role": "system", "content": "You answer geography questions."},
        {"role": "user", "content": "What is the capital of France?"},
    ],
    max_tokens=200,
    store=False,
)
print(resp.choices[0].message.content)
