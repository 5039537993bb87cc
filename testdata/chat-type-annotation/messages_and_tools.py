from openai import OpenAI
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionToolParam,
)

client = OpenAI()

TOOLS: list[ChatCompletionToolParam] = [
    {
        "type": "function",
        "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}},
    }
]
messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Look it up."}]
resp = client.chat.completions.create(model="gpt-4.1", messages=messages, tools=TOOLS)
print(resp.choices[0].message.content)
