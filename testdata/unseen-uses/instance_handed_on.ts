import OpenAI from "openai";

class Bot {
  private client = new OpenAI();

  async ask(question: string) {
    return this.client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question }],
    });
  }
}

// `report` may call `ask` and read the completion where responsify does not follow it.
async function report(b: Bot) {
  const r = await b.ask("Capital of France?");
  return r;
}

const bot = new Bot();
report(bot).then((r) => console.log(r.choices[0].message.content));
