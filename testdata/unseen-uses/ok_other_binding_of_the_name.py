from openai import OpenAI


class Assistant:
    def __init__(self):
        self.client = OpenAI()

    def ask(self, question):
        return self.client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": question}],
        )


class Echo:
    def ask(self, question):
        return question


def main():
    bot = Assistant()
    print(bot.ask("hi").choices[0].message.content)


def other():
    # Another function's `bot` is not an Assistant: its `ask` is not followed.
    bot = Echo()
    print(bot.ask("hi").upper())
