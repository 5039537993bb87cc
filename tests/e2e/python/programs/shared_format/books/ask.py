import json

from openai import OpenAI

from .formats import BOOK_FORMAT

client = OpenAI()


def summary(title: str) -> str:
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Give me the key facts about the novel {title}."}],
        response_format=BOOK_FORMAT,
    )
    book = json.loads(resp.choices[0].message.content)
    return f"{book['title']} by {book['author']}: {', '.join(book['genres'])}"


def year_only(title: str) -> int:
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"When was {title} published?"}],
        response_format=BOOK_FORMAT,
    )
    return json.loads(resp.choices[0].message.content)["year"]
