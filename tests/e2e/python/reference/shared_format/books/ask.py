import json

from openai import OpenAI

from .formats import BOOK_FORMAT

client = OpenAI()


def summary(title: str) -> str:
    resp = client.responses.create(
        model="gpt-4o-mini",
        input=[{"role": "user", "content": f"Give me the key facts about the novel {title}."}],
        text={"format": BOOK_FORMAT},
        store=False,
    )
    book = json.loads(resp.output_text)
    return f"{book['title']} by {book['author']}: {', '.join(book['genres'])}"


def year_only(title: str) -> int:
    resp = client.responses.create(
        model="gpt-4o-mini",
        input=[{"role": "user", "content": f"When was {title} published?"}],
        text={"format": BOOK_FORMAT},
        store=False,
    )
    return json.loads(resp.output_text)["year"]
