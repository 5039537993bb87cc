"""Stream a tool call's arguments with the stream() helper, then run the tool."""
import json

from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_stock_price",
            "description": "Latest share price of a ticker symbol.",
            "parameters": {"type": "object", "properties": {"symbol": {"type": "string"}}, "required": ["symbol"]},
        },
    }
]

with client.chat.completions.stream(
    model="gpt-4.1-mini",
    messages=[{"role": "user", "content": "What is the INIT share price?"}],
    tools=TOOLS,
) as stream:
    pieces = []
    for event in stream:
        if event.type == "tool_calls.function.arguments.delta":
            pieces.append(event.arguments_delta)
        elif event.type == "tool_calls.function.arguments.done":
            print("arguments done:", json.loads(event.arguments))
    final = stream.get_final_completion()
print("streamed:", "".join(pieces))
for call in final.choices[0].message.tool_calls:
    print("call:", call.function.name, call.function.arguments)
