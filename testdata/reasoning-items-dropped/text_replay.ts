import OpenAI from "openai";
import type { ResponseInputItem } from "openai/resources/responses/responses";

const client = new OpenAI();

const history: ResponseInputItem[] = [{ role: "user", content: "Pick a number between 1 and 10." }];
for (const question of ["Double it.", "Now halve it."]) {
  const reply = await client.responses.create({ model: "o4-mini", input: history, store: true });
  history.push({ role: "assistant", content: reply.output_text });
  history.push({ role: "user", content: question });
}
console.log(history.length);
