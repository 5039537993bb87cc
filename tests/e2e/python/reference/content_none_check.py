"""Tell a tool call from a text reply by testing the reply's text for None."""
import json

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

tools = [
    {
        "type": "function",
        "name": "get_weather",
        "description": "Get the current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
            "required": ["city"],
        },
        "strict": False,
    }
]

response = client.responses.create(
    model=MODEL,
    input=[{"role": "user", "content": "What's the weather in Paris?"}],
    tools=tools,
    store=False,
)
content = response.output_text
if content == "":
    print("the model asked for a tool")
else:
    print("text:", content)
has_text = response.output_text != ""
print("has text:", has_text)

response = client.responses.create(
    model=MODEL, input=[{"role": "user", "content": "What is the capital of France?"}], store=False
)
content = response.output_text
if content == "":
    print("the model asked for a tool")
else:
    print("text:", content)
print(json.dumps({"empty": content == ""}))
