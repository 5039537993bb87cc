"""Parsing into a model on the Responses API."""
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
    text_format=Book,
    store=False,
)
book = completion.output_parsed
print(f"{book.title} by {book.author} ({book.year})")
