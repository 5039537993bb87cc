import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({
  model: "gpt-5.5",
  input: "Weather in Lima?",
  tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: false }],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  store: false,
});
console.log(reply.output.length);
