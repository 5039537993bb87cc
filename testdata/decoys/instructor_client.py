# instructor wraps the client: `response_model` calls are instructor's, not the SDK's.
import instructor
from instructor import from_openai
from openai import OpenAI
from pydantic import BaseModel


class User(BaseModel):
    name: str


client = instructor.from_openai(OpenAI())
user = client.chat.completions.create(
    model="gpt-4o-mini",
    response_model=User,
    messages=[{"role": "user", "content": "Jason is 25"}],
)

other = from_openai(OpenAI())
again = other.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])

patched = OpenAI()
instructor.patch(patched)
third = patched.chat.completions.create(
    model="gpt-4o-mini",
    response_model=User,
    messages=[{"role": "user", "content": "hi"}],
)
