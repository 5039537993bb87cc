import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

const client = new OpenAI();

export async function ask(history: ChatCompletionMessageParam[], question: string) {
  const messages: ChatCompletionMessageParam[] = [{ role: "system", content: "Be brief." }];
  messages.push({ role: "user", content: question });
  const res = await client.chat.completions.create({ model: "gpt-5.5", messages });
  const again = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [...history, { role: "user" as const, content: question }],
  });
  return [res.choices[0].message.content, again.choices[0].message.content];
}
