// A conversation that grows with the model's replies.
import OpenAI from "openai";
import type { ResponseInputItem } from "openai/resources/responses/responses";

const client = new OpenAI();
const history: ResponseInputItem[] = [{ role: "user", content: "What is 12 times 12?" }];

const first = await client.responses.create({ model: "gpt-4o-mini", input: history, store: false });
console.log(first.output_text);
history.push(...(first.output as ResponseInputItem[]));
history.push({ role: "user", content: "Now divide that by 3." });

const second = await client.responses.create({ model: "gpt-4o-mini", input: history, store: false });
console.log(second.output_text);
