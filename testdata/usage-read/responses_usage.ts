import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({ model: "gpt-5.5", input: "Hello!", store: false });
console.log(reply.output_text);
console.log("in", reply.usage?.prompt_tokens, "out", reply.usage?.completion_tokens, "all", reply.usage?.total_tokens);
