from openai import OpenAI
from pydantic import BaseModel


class City(BaseModel):
    name: str


client = OpenAI()
parsed = client.responses.parse(model="gpt-5.5", input="A city in Peru.", response_format=City, store=False)
print(parsed.output_parsed.name)
