"""A helper returns the completion; its callers in this file read it, two levels up."""
from openai import OpenAI

client = OpenAI()
TOOLS = [
    {
        "type": "function",
        "function": {"name": "weather", "parameters": {"type": "object", "properties": {}}},
    }
]


def ask(question, model="gpt-4o-mini"):
    return client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": question}],
    )


def ask_for_tools(question):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        tools=TOOLS,
    )
    return response.choices[0].message


def answer(question):
    completion = ask(question)
    print(completion.usage.prompt_tokens)
    return completion


def main():
    print(answer("What is the capital of France?").choices[0].message.content)
    reply = ask("And of Spain?")
    print(reply.choices[0].message.content)
    message = ask_for_tools("Weather in Paris?")
    for call in message.tool_calls or []:
        print(call.function.name, call.function.arguments)


if __name__ == "__main__":
    main()
