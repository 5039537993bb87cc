"""Typed tool calls: a pydantic model as the tool, parsed by the SDK's parse()."""
import openai
from openai import OpenAI
from pydantic import BaseModel

client = OpenAI()


class GetWeather(BaseModel):
    """Current weather for a city."""

    city: str
    unit: str = "celsius"


completion = client.chat.completions.parse(
    model="gpt-4.1-mini",
    messages=[{"role": "user", "content": "What's the weather in Tokyo?"}],
    tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
)
for call in completion.choices[0].message.tool_calls or []:
    print(call.function.name, call.function.arguments)
