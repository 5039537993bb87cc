"""Tell a tool call from a text reply by testing the reply's text for None."""
import json

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

tools = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]

response = client.chat.completions.create(
    model=MODEL,
    messages=[{"role": "user", "content": "What's the weather in Paris?"}],
    tools=tools,
)
content = response.choices[0].message.content
if content is None:
    print("the model asked for a tool")
else:
    print("text:", content)
has_text = response.choices[0].message.content is not None
print("has text:", has_text)

response = client.chat.completions.create(
    model=MODEL, messages=[{"role": "user", "content": "What is the capital of France?"}]
)
content = response.choices[0].message.content
if content is None:
    print("the model asked for a tool")
else:
    print("text:", content)
print(json.dumps({"empty": content == None}))
