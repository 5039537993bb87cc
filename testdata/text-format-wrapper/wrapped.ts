import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({
  model: "gpt-5.5",
  input: "Extract the invoice total.",
  text: {
    format: {
      type: "json_schema",
      json_schema: {
        name: "invoice",
        schema: { type: "object", properties: { total: { type: "number" } }, required: ["total"], additionalProperties: false },
        strict: true,
      },
    },
    verbosity: "low",
  },
  store: false,
});
console.log(reply.output_text);
