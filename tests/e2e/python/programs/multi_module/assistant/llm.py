"""The one place that talks to the model; the rest of the program imports `complete`."""
from openai import OpenAI

client = OpenAI()


def complete(prompt, system="Be brief."):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": prompt},
        ],
        max_tokens=64,
    )
