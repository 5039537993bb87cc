"""Parsing into a model, with the chat keyword and reads left behind."""
from openai import OpenAI
from pydantic import BaseModel


class Book(BaseModel):
    title: str
    author: str
    year: int


client = OpenAI()
completion = client.responses.parse(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Tell me about the novel Dune."}],
    response_format=Book,
    store=False,
)
book = completion.choices[0].message.parsed
print(f"{book.title} by {book.author} ({book.year})")
