import OpenAI from "openai";

const client = new OpenAI();

const summary = await client.responses.create({ model: "gpt-5.5", input: "Summarise the meeting.", max_tokens: 300, store: false });
const capped = await client.responses.create({ model: "gpt-5.5", input: "Shorter.", max_completion_tokens: 80, store: false });
console.log(summary.output_text, capped.output_text);
