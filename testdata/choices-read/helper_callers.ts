import OpenAI from "openai";

const client = new OpenAI();

async function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
}

async function answer(question: string): Promise<string | null> {
  const completion = await ask(question);
  return completion.choices[0].message.content;
}

async function main() {
  console.log(await answer("Capital of France?"));
  const r = await ask("Capital of Spain?");
  console.log(r.usage?.prompt_tokens);
}

main();
