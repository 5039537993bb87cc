import OpenAI from "openai";

const client = new OpenAI();

const first = await client.responses.create({ model: "gpt-5.5", input: "Suggest a name for a bakery.", store: false });
console.log(first.output_text);
const second = await client.responses.create({ model: "gpt-5.5", previous_response_id: first.id, input: "Make it shorter.", store: false });
console.log(second.output_text);
