from openai import OpenAI, pydantic_function_tool
from pydantic import BaseModel

client = OpenAI()


class GetWeather(BaseModel):
    city: str


response = client.responses.create(
    model="gpt-4.1",
    input="Weather in Paris?",
    tools=[pydantic_function_tool(GetWeather)],
    store=False,
)
print(response.output_text)
