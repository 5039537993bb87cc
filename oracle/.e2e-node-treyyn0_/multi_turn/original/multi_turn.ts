// A conversation that grows with the model's replies.
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

const client = new OpenAI();
const history: ChatCompletionMessageParam[] = [{ role: "user", content: "What is 12 times 12?" }];

const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages: history });
console.log(first.choices[0].message.content);
history.push(first.choices[0].message);
history.push({ role: "user", content: "Now divide that by 3." });

const second = await client.chat.completions.create({ model: "gpt-4o-mini", messages: history });
console.log(second.choices[0].message.content);
