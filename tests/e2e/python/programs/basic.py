"""Ask one question and print the answer and what it cost."""
from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "What is the capital of France?"}],
)

print(completion.choices[0].message.content)
print(f"prompt tokens: {completion.usage.prompt_tokens}")
print(f"completion tokens: {completion.usage.completion_tokens}")
