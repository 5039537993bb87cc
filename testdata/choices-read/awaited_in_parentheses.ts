import OpenAI from "openai";

const client = new OpenAI();

async function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
}

// The read waits for the result inside the parentheses: the rewrite must keep the `await`.
async function answer(question: string) {
  return (await ask(question)).choices[0].message.content;
}

async function main() {
  const text = (await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Say hi" }],
  })).choices[0]?.message?.content;
  console.log(text, await answer("Capital of France?"));
}

main();
