from openai import OpenAI


class Assistant:
    def __init__(self, model="gpt-4o-mini"):
        self.client = OpenAI()
        self.model = model

    def ask(self, question):
        return self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": question}],
        )

    def short(self, question):
        return self.ask(question).choices[0].message.content.strip()


bot = Assistant()
print(bot.short("Capital of France?"))
reply = bot.ask("Capital of Spain?")
print(reply.choices[0].message.content, reply.usage.total_tokens)
