"""Stock desk: a reasoning model asks for a quote through a tool; the reply is kept by name."""
import json

from openai import OpenAI

client = OpenAI()

PRICES = {"ACME": 12.5, "INIT": 301.25}


def get_stock_price(symbol):
    return json.dumps({"symbol": symbol, "price": PRICES.get(symbol, 1.0), "currency": "USD"})


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_stock_price",
            "description": "Look up the latest share price of a ticker symbol.",
            "parameters": {
                "type": "object",
                "properties": {"symbol": {"type": "string"}},
                "required": ["symbol"],
            },
        },
    }
]

history = [{"role": "user", "content": "What is the ACME share price today?"}]
first = client.chat.completions.create(model="o4-mini", messages=history, tools=TOOLS)
message = first.choices[0].message
history.append(message)
for call in message.tool_calls or []:
    arguments = json.loads(call.function.arguments)
    print("tool:", call.function.name, arguments)
    history.append({"role": "tool", "tool_call_id": call.id, "content": get_stock_price(**arguments)})

second = client.chat.completions.create(model="o4-mini", messages=history, tools=TOOLS)
print(second.choices[0].message.content)
print("tokens:", first.usage.prompt_tokens, second.usage.completion_tokens)
