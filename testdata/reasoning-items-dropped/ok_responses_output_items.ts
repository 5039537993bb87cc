import OpenAI from "openai";
import type { ResponseInputItem } from "openai/resources/responses/responses";

const client = new OpenAI();

const history: ResponseInputItem[] = [{ role: "user", content: "Pick a number between 1 and 10." }];
const reply = await client.responses.create({ model: "o4-mini", input: history, store: true });
history.push(...(reply.output as ResponseInputItem[]));
history.push({ role: "user", content: "Double it." });
console.log(history.length);
