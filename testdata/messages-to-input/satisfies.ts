import OpenAI from "openai";
import type { ChatCompletionCreateParams } from "openai/resources/chat/completions";

const client = new OpenAI();

const request = {
  model: "gpt-5.5",
  messages: [{ role: "user" as const, content: "Pick a number." }],
  stream: false,
} satisfies ChatCompletionCreateParams;

const res = await client.chat.completions.create(request);
console.log(res.choices[0].message.content);
