"""Old-style function calling (functions= / function_call=), as written before tools existed."""
import json

from openai import OpenAI

client = OpenAI()

tools = [
    {
        "type": "function",
        "name": "get_stock_price",
        "description": "Look up the latest price of a stock by its ticker symbol.",
        "parameters": {
            "type": "object",
            "properties": {"symbol": {"type": "string"}},
            "required": ["symbol"],
        },
        "strict": False,
    }
]


def get_stock_price(symbol):
    prices = {"ACME": 123.45}
    return {"symbol": symbol, "price": prices.get(symbol, 0.0), "currency": "USD"}


input_items = [{"role": "user", "content": "How much is one share of ACME?"}]
first = client.responses.create(
    model="gpt-4o-mini",
    input=input_items,
    tools=tools,
    tool_choice="auto",
    store=False,
)
function_call = next((item for item in first.output if item.type == "function_call"), None)

if function_call:
    name = function_call.name
    arguments = json.loads(function_call.arguments)
    print("model wants:", name, arguments)
    result = get_stock_price(**arguments)
    input_items.append(
        {
            "type": "function_call",
            "call_id": function_call.call_id,
            "name": name,
            "arguments": function_call.arguments,
        }
    )
    input_items.append(
        {"type": "function_call_output", "call_id": function_call.call_id, "output": json.dumps(result)}
    )
    second = client.responses.create(
        model="gpt-4o-mini",
        input=input_items,
        tools=tools,
        store=False,
    )
    print(second.output_text)
else:
    print(first.output_text)
