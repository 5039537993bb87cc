from openai import OpenAI, pydantic_function_tool
from pydantic import BaseModel

client = OpenAI()


class GetWeather(BaseModel):
    city: str


completion = client.chat.completions.create(
    model="gpt-4.1",
    messages=[{"role": "user", "content": "Weather in Paris?"}],
    tools=[pydantic_function_tool(GetWeather)],
)
print(completion.choices[0].message.tool_calls)
