"""Stream a tool call's arguments with the stream() helper, then run the tool."""
import json

from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "name": "get_stock_price",
        "description": "Latest share price of a ticker symbol.",
        "parameters": {"type": "object", "properties": {"symbol": {"type": "string"}}, "required": ["symbol"]},
        "strict": False,
    }
]

with client.responses.stream(
    model="gpt-4.1-mini",
    input=[{"role": "user", "content": "What is the INIT share price?"}],
    tools=TOOLS,
    store=False,
) as stream:
    pieces = []
    for event in stream:
        if event.type == "response.function_call_arguments.delta":
            pieces.append(event.delta)
        elif event.type == "response.function_call_arguments.done":
            print("arguments done:", json.loads(event.arguments))
    final = stream.get_final_response()
print("streamed:", "".join(pieces))
for call in [item for item in final.output if item.type == "function_call"]:
    print("call:", call.name, call.arguments)
