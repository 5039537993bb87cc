"""The one place that talks to the model; the rest of the program imports `complete`."""
from openai import OpenAI

client = OpenAI()


def complete(prompt, system="Be brief."):
    return client.responses.create(
        model="gpt-4o-mini",
        input=[
            {"role": "system", "content": system},
            {"role": "user", "content": prompt},
        ],
        max_output_tokens=64,
        store=False,
    )
