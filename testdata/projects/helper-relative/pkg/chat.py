import os

from openai import OpenAI

client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))


def _complete(prompt, model="gpt-4o-mini"):
    return client.chat.completions.create(
        model=model,
        messages=[
            {"role": "system", "content": "Answer in one word."},
            {"role": "user", "content": prompt},
        ],
        max_tokens=50,
    )
