"""Structured output with a hand-written JSON schema, decoded with json.loads."""
import json

from openai import OpenAI

BOOK_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "author": {"type": "string"},
        "year": {"type": "integer"},
        "genres": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["title", "author", "year", "genres"],
    "additionalProperties": False,
}

client = OpenAI()
resp = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Give me the key facts about the novel Dune."}],
    response_format={
        "type": "json_schema",
        "json_schema": {"name": "book_summary", "schema": BOOK_SCHEMA, "strict": True},
    },
)

book = json.loads(resp.choices[0].message.content)
print(f"{book['title']} by {book['author']} ({book['year']})")
for genre in book["genres"]:
    print(" -", genre)
