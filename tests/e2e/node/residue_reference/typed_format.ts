// Typed code on the Responses API.
import OpenAI from "openai";

const client = new OpenAI();

async function main(): Promise<void> {
  const resp = await client.responses.create({
    model: "gpt-4o-mini",
    input: "Tell me about the novel Dune.",
    text: {
      format: {
        type: "json_schema",
        name: "book",
        schema: {
          type: "object",
          properties: { title: { type: "string" }, author: { type: "string" }, year: { type: "integer" } },
          required: ["title", "author", "year"],
          additionalProperties: false,
        },
        strict: true,
      },
    },
    store: false,
  });
  const book = JSON.parse(resp.output_text) as { title: string; author: string; year: number };
  console.log(`${book.title} by ${book.author} (${book.year})`);
}

await main();
