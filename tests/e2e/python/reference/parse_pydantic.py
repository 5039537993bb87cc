"""Structured extraction into a Pydantic model with the parse helper."""
from typing import List

from openai import OpenAI
from pydantic import BaseModel


class CalendarEvent(BaseModel):
    name: str
    date: str
    participants: List[str]


client = OpenAI()

response = client.responses.parse(
    model="gpt-4o-2024-08-06",
    input=[
        {"role": "system", "content": "Extract the event information."},
        {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."},
    ],
    text_format=CalendarEvent,
    store=False,
)

event = response.output_parsed
print("event:", event.name)
print("when:", event.date)
print("who:", ", ".join(event.participants))
print("tokens used:", response.usage.total_tokens)
