import json

from openai import OpenAI

from app.schemas import CITY_FORMAT

client = OpenAI()


def next_stop(route: list[str]) -> dict:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "After " + ", ".join(route) + ", which city?"}],
        response_format=CITY_FORMAT,
    )
    return json.loads(completion.choices[0].message.content)
