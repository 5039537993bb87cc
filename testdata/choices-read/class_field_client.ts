import OpenAI from "openai";

class Bot {
  private client = new OpenAI();

  async ask(question: string) {
    return this.client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question }],
    });
  }

  async answer(question: string) {
    return (await this.ask(question)).choices[0].message.content;
  }
}

const bot = new Bot();

async function main() {
  const r = await bot.ask("Capital of France?");
  console.log(r.usage?.total_tokens, r.choices[0].message.content);
  console.log(await bot.answer("Capital of Spain?"));
}

main();
