import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({ model: "gpt-5.5", input: "Hello!" });
console.log(reply.output_text);
