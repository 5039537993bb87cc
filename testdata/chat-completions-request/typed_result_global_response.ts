import { OpenAI } from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";

const client = new OpenAI();

export async function GET(): Promise<Response> {
  const completion: ChatCompletion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
  return new Response(completion.choices[0].message.content);
}
