"""A terse explainer: system prompt, low temperature and a hard cap on the answer length."""
from openai import OpenAI

SYSTEM_PROMPT = "You are a terse assistant who answers in exactly one sentence."

client = OpenAI()
response = client.responses.create(
    model="gpt-4o-mini",
    instructions=SYSTEM_PROMPT,
    input=[
        {"role": "user", "content": "Explain what a hash map is."},
    ],
    temperature=0.2,
    max_output_tokens=80,
    store=False,
)

answer = response.output_text.strip()
print(answer)
print("sentences:", answer.count("."))
