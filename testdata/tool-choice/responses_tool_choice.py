from openai import OpenAI

client = OpenAI()

reply = client.responses.create(
    model="gpt-5.5",
    input="Weather in Lima?",
    tools=[{"type": "function", "name": "get_weather", "parameters": {"type": "object", "properties": {}}, "strict": False}],
    tool_choice={"type": "function", "function": {"name": "get_weather"}},
    store=False,
)
print(reply.output)
