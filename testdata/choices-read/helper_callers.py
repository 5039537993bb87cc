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


class Assistant:
    def __init__(self):
        self.client = OpenAI()

    def _complete(self, question):
        return self.client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
        )

    def reply(self, question):
        # The private method's only callers are the class's own `self._complete(...)`.
        return self._complete(question).choices[0].message.content


if __name__ == "__main__":
    main()
