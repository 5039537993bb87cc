"""A typed helper: the result's types are annotated the Chat Completions way."""
from typing import Optional

from openai import OpenAI, Stream
from openai.types.responses import FunctionToolParam, Response, ResponseInputParam, ResponseStreamEvent

client = OpenAI()

TOOLS: list[FunctionToolParam] = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Get the weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
        "strict": False,
    }
]


def ask(question: str) -> Response:
    return client.responses.create(
        model="gpt-4o-mini",
        input=[{"role": "user", "content": question}],
        store=False,
    )


messages: ResponseInputParam = [{"role": "user", "content": "Name a primary color."}]
first: Optional[Response] = client.responses.create(
    model="gpt-4o-mini",
    input=messages,
    tools=TOOLS,
    store=False,
)
print(first.output_text)
print(ask("What is 2 + 2?").output_text)
stream: Stream[ResponseStreamEvent] = client.responses.create(
    model="gpt-4o-mini",
    input=[{"role": "user", "content": "Count from one to five in words."}],
    stream=True,
    store=False,
)
for chunk in stream:
    if chunk.type == "response.output_text.delta":
        print(chunk.delta, end="")
print()
