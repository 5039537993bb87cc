import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

const client = new OpenAI();
const history: ChatCompletionMessageParam[] = [{ role: "user", content: "What is 12 times 12?" }];

const first = await client.chat.completions.create({ model: "gpt-5.5", messages: history });
history.push(first.choices[0].message);
console.log(first.choices[0].message.content);
