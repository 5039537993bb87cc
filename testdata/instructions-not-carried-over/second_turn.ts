import OpenAI from "openai";

const client = new OpenAI();

const RULES = "Answer like a pirate.";

const first = await client.responses.create({ model: "gpt-5.5", instructions: RULES, input: "Hi!", store: true });
console.log(first.output_text);
const second = await client.responses.create({ model: "gpt-5.5", previous_response_id: first.id, input: "And your ship?", store: true });
console.log(second.output_text);
