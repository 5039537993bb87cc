"""Typed tool calls: a pydantic model as the tool, parsed by the SDK's parse()."""
import openai
from openai import OpenAI
from pydantic import BaseModel

client = OpenAI()


class GetWeather(BaseModel):
    """Current weather for a city."""

    city: str
    unit: str = "celsius"


response = client.responses.parse(
    model="gpt-4.1-mini",
    input=[{"role": "user", "content": "What's the weather in Tokyo?"}],
    tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
    store=False,
)
for call in response.output:
    if call.type == "function_call":
        print(call.name, call.arguments)
