"""An assistant class whose `ask` returns the whole completion; the module reads it through
an instance, and through a method of the class that returns the text."""
from openai import OpenAI


class Assistant:
    def __init__(self, model="gpt-4o-mini"):
        self.client = OpenAI()
        self.model = model

    def ask(self, question):
        return self.client.chat.completions.create(
            model=self.model,
            messages=[
                {"role": "system", "content": "Answer in a few words."},
                {"role": "user", "content": question},
            ],
            max_tokens=40,
        )

    def short(self, question):
        return self.ask(question).choices[0].message.content.strip()


if __name__ == "__main__":
    bot = Assistant()
    print("short:", bot.short("What is the capital of France?"))
    reply = bot.ask("Name a primary color.")
    print("reply:", reply.choices[0].message.content)
    print("tokens:", reply.usage.prompt_tokens, reply.usage.completion_tokens, reply.usage.total_tokens)
