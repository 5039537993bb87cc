import OpenAI from "openai";

const client = new OpenAI();
const reply = await client.responses.create({
  model: "gpt-5.5",
  input: "Where is order 42?",
  tools: [{ type: "function", function: { name: "lookup_order", parameters: { type: "object", properties: {} } } }],
  store: false,
});
console.log(reply.output.length);
