"""Old-style function calling (functions= / function_call=), as written before tools existed."""
import json

from openai import OpenAI

client = OpenAI()

functions = [
    {
        "name": "get_stock_price",
        "description": "Look up the latest price of a stock by its ticker symbol.",
        "parameters": {
            "type": "object",
            "properties": {"symbol": {"type": "string"}},
            "required": ["symbol"],
        },
    }
]


def get_stock_price(symbol):
    prices = {"ACME": 123.45}
    return {"symbol": symbol, "price": prices.get(symbol, 0.0), "currency": "USD"}


messages = [{"role": "user", "content": "How much is one share of ACME?"}]
first = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=messages,
    functions=functions,
    function_call="auto",
)
message = first.choices[0].message

if message.function_call:
    name = message.function_call.name
    arguments = json.loads(message.function_call.arguments)
    print("model wants:", name, arguments)
    result = get_stock_price(**arguments)
    messages.append(
        {
            "role": "assistant",
            "content": None,
            "function_call": {"name": name, "arguments": message.function_call.arguments},
        }
    )
    messages.append({"role": "function", "name": name, "content": json.dumps(result)})
    second = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=messages,
        functions=functions,
    )
    print(second.choices[0].message.content)
else:
    print(message.content)
