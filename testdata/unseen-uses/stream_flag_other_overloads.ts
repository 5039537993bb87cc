import OpenAI from "openai";

const client = new OpenAI();

// Overloads on another parameter: which calls stream is not told by them.
function ask(q: string, stream?: boolean): Promise<unknown>;
function ask(q: string[], stream?: boolean): Promise<unknown>;
async function ask(q: string | string[], stream?: boolean): Promise<unknown> {
  return client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: String(q) }], stream });
}

console.log(await ask("Hi"));
