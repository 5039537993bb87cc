import openai
from openai import OpenAI
from pydantic import BaseModel

client = OpenAI()


class GetWeather(BaseModel):
    city: str


completion = client.chat.completions.parse(
    model="gpt-4.1",
    messages=[{"role": "user", "content": "Weather in Paris?"}],
    tools=[openai.pydantic_function_tool(GetWeather)],
)
for call in completion.choices[0].message.tool_calls or []:
    print(call.function.name, call.function.arguments)
