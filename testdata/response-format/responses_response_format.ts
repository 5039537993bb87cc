import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({
  model: "gpt-5.5",
  input: "Give me a city as JSON.",
  response_format: {
    type: "json_schema",
    json_schema: {
      name: "city",
      schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false },
      strict: true,
    },
  },
  store: false,
});
console.log(reply.output_text);
