from openai import OpenAI
from openai.types.chat import ParsedChatCompletion
from pydantic import BaseModel

client = OpenAI()


class Colour(BaseModel):
    name: str


def pick() -> ParsedChatCompletion[Colour]:
    return client.chat.completions.parse(
        model="gpt-4.1",
        messages=[{"role": "user", "content": "Name a colour."}],
        response_format=Colour,
    )


print(pick().choices[0].message.parsed.name)
