import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({ model: "gpt-5.5", input: "Hello!", store: false });
console.log(reply.usage?.input_tokens, reply.usage?.output_tokens, reply.usage?.total_tokens);
