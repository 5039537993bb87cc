from openai import OpenAI


class Assistant:
    def __init__(self):
        self.client = OpenAI()

    def ask(self, question):
        return self.client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": question}],
        )


def report(assistant):
    # Whatever `assistant` is here, its results are read out of sight of the class.
    print(assistant.ask("status?").choices[0].message.content)


bot = Assistant()
print(bot.ask("hi").choices[0].message.content)
report(bot)
