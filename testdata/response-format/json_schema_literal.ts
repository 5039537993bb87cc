import OpenAI from "openai";

const client = new OpenAI();

const book = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Tell me about Dune as JSON." }],
  response_format: {
    type: "json_schema",
    json_schema: {
      name: "book",
      strict: true,
      schema: {
        type: "object",
        properties: { title: { type: "string" }, year: { type: "integer" } },
        required: ["title", "year"],
        additionalProperties: false,
      },
    },
  },
});
console.log(JSON.parse(book.choices[0].message.content ?? "{}").title);
