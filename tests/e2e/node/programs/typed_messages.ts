// A typed conversation with every role and both content forms.
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

const client = new OpenAI();

const messages: ChatCompletionMessageParam[] = [
  { role: "developer", content: "Answer in one sentence." },
  { role: "system", content: [{ type: "text", text: "You are a careful geographer." }] },
  { role: "user", content: "Which is longer, the Tagus or the Ebro?" },
  { role: "assistant", content: "The Tagus." },
  { role: "user", content: [{ type: "text", text: "By how much, roughly?" }] },
];

const reply = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
console.log(reply.choices[0].message.content);
