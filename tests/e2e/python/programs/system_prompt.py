"""A terse explainer: system prompt, low temperature and a hard cap on the answer length."""
from openai import OpenAI

SYSTEM_PROMPT = "You are a terse assistant who answers in exactly one sentence."

client = OpenAI()
response = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "Explain what a hash map is."},
    ],
    temperature=0.2,
    max_tokens=80,
)

answer = response.choices[0].message.content.strip()
print(answer)
print("sentences:", answer.count("."))
