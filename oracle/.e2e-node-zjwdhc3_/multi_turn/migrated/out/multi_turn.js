// A conversation that grows with the model's replies.
import OpenAI from "openai";
const client = new OpenAI();
const history = [{ role: "user", content: "What is 12 times 12?" }];
const first = await client.responses.create({ model: "gpt-4o-mini", input: history, store: false });
console.log(first.output_text);
history.push(...first.output);
history.push({ role: "user", content: "Now divide that by 3." });
const second = await client.responses.create({ model: "gpt-4o-mini", input: history, store: false });
console.log(second.output_text);
