import json

from openai import OpenAI

from .schemas import CITY_FORMAT

client = OpenAI()


def capital(country: str) -> dict:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"The capital of {country}?"}],
        response_format=CITY_FORMAT,
    )
    return json.loads(completion.choices[0].message.content)

