// `ask` is not exported: every call of it is in this file, and each passes the client
// built below, so the request goes to OpenAI.
import OpenAI from "openai";

const client = new OpenAI();

async function ask(openai: OpenAI, question: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: question }],
  });
  return res.choices[0].message.content ?? "";
}

const twice = async (openai: OpenAI) => {
  console.log(await ask(openai, "Once?"));
  console.log(await ask(openai, "Twice?"));
};

console.log(await ask(client, "Why is the sky blue?"));
await twice(client);
