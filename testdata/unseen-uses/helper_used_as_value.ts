import OpenAI from "openai";

const client = new OpenAI();

async function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
}

async function main() {
  const first = await ask("Capital of France?");
  console.log(first.choices[0].message.content);
  // Handed to code responsify does not follow: its reads are out of sight.
  const answers = await Promise.all(["a", "b"].map(ask));
  console.log(answers.length);
}

main();
