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
        "name": "get_stock_price",
        "description": "Look up the latest share price of a ticker symbol.",
        "parameters": {
            "type": "object",
            "properties": {"symbol": {"type": "string"}},
            "required": ["symbol"],
        },
        "strict": False,
    }
]

history = [{"role": "user", "content": "What is the ACME share price today?"}]
first = client.responses.create(
    model="o4-mini", input=history, tools=TOOLS, store=False, include=["reasoning.encrypted_content"]
)
history += first.output
for call in [item for item in first.output if item.type == "function_call"]:
    arguments = json.loads(call.arguments)
    print("tool:", call.name, arguments)
    history.append({"type": "function_call_output", "call_id": call.call_id, "output": get_stock_price(**arguments)})

second = client.responses.create(model="o4-mini", input=history, tools=TOOLS, store=False)
print(second.output_text)
print("tokens:", first.usage.input_tokens, second.usage.output_tokens)
