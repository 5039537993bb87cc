// JavaScript: the TypeScript oracle cannot resolve Deno and browser module specifiers.
import OpenAI from "npm:openai@4";
import { OpenAI as Browser } from "./node_modules/openai/index.mjs";
import Lookalike from "openai-lookalike";

const client = new OpenAI();
const browser = new Browser();
const other = new Lookalike();

export async function ask(q) {
  const a = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: q }] });
  const b = await browser.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: q }] });
  const c = await other.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: q }] });
  return [a.choices[0].message.content, b.choices[0].message.content, c.choices[0].message.content];
}
