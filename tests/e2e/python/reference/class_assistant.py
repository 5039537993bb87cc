"""An assistant class whose `ask` returns the whole completion; the module reads it through
an instance, and through a method of the class that returns the text."""
from openai import OpenAI


class Assistant:
    def __init__(self, model="gpt-4o-mini"):
        self.client = OpenAI()
        self.model = model

    def ask(self, question):
        return self.client.responses.create(
            model=self.model,
            input=[
                {"role": "system", "content": "Answer in a few words."},
                {"role": "user", "content": question},
            ],
            max_output_tokens=40,
            store=False,
        )

    def short(self, question):
        return self.ask(question).output_text.strip()


if __name__ == "__main__":
    bot = Assistant()
    print("short:", bot.short("What is the capital of France?"))
    reply = bot.ask("Name a primary color.")
    print("reply:", reply.output_text)
    print("tokens:", reply.usage.input_tokens, reply.usage.output_tokens, reply.usage.total_tokens)
