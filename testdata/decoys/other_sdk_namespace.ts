import * as groqSdk from "groq-sdk";
const together = require("together-ai");

const groq = new groqSdk.Groq();
const tg = new together.Together();

export async function ask(q: string) {
  const a = await groq.chat.completions.create({ model: "llama-3.3-70b", messages: [{ role: "user", content: q }] });
  const b = await tg.chat.completions.create({ model: "meta-llama/Llama-3-8b", messages: [{ role: "user", content: q }] });
  return [a.choices[0].message.content, b.choices[0].message.content];
}
