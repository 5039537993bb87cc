from openai import OpenAI

client = OpenAI()
with client.chat.completions.stream(model="gpt-5.5", messages=[{"role": "user", "content": "Weather?"}], tools=[]) as stream:
    for event in stream:
        if event.type == "tool_calls.function.arguments.delta":
            print(event.arguments_delta)
