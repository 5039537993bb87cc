// `ask` is not exported, but it is handed to `map` as a value: whoever calls it may pass
// any client.
import OpenAI from "openai";

async function ask(openai: OpenAI): Promise<string> {
  const res = await openai.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: "Hello" }],
  });
  return res.choices[0].message.content ?? "";
}

const answers = await Promise.all([new OpenAI()].map(ask));
console.log(answers);
