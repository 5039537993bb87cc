from openai import OpenAI

client = OpenAI()
TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]

with client.chat.completions.stream(model="gpt-4.1", messages=[{"role": "user", "content": "Look it up."}], tools=TOOLS) as stream:
    for event in stream:
        if event.type == "tool_calls.function.arguments.delta":
            print(event.arguments_delta, end="")
        elif event.type == "tool_calls.function.arguments.done":
            print("\nall:", event.arguments)
