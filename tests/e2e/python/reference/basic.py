"""Ask one question and print the answer and what it cost."""
from openai import OpenAI

client = OpenAI()

response = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "What is the capital of France?"}],
    store=False,
)

print(response.output_text)
print(f"prompt tokens: {response.usage.input_tokens}")
print(f"completion tokens: {response.usage.output_tokens}")
