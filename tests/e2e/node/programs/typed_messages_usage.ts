// A typed conversation with every role and both content forms; then the reply's token usage,
// read off the completion and through a variable.
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

const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
console.log(completion.choices[0].message.content);
if (completion.usage) {
  console.log(`prompt=${completion.usage.prompt_tokens} completion=${completion.usage.completion_tokens}`);
  console.log(`total=${completion.usage.total_tokens}`);
}
const usage = completion.usage;
const spent = (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
console.log(`spent=${spent} of ${usage?.total_tokens ?? 0}`);
