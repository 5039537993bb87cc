"""Structured extraction into a Pydantic model with the parse helper."""
from typing import List

from openai import OpenAI
from pydantic import BaseModel


class CalendarEvent(BaseModel):
    name: str
    date: str
    participants: List[str]


client = OpenAI()

completion = client.chat.completions.parse(
    model="gpt-4o-2024-08-06",
    messages=[
        {"role": "system", "content": "Extract the event information."},
        {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."},
    ],
    response_format=CalendarEvent,
)

event = completion.choices[0].message.parsed
print("event:", event.name)
print("when:", event.date)
print("who:", ", ".join(event.participants))
print("tokens used:", completion.usage.total_tokens)
