// A json_schema response format written out as a literal.
import OpenAI from "openai";
const client = new OpenAI();
const book = await client.responses.create({
    model: "gpt-4o-mini",
    input: [{ role: "user", content: "Give me the facts about the novel Dune." }],
    text: {
        format: {
            type: "json_schema",
            name: "book",
            schema: {
                type: "object",
                properties: {
                    title: { type: "string" },
                    author: { type: "string" },
                    year: { type: "integer" },
                },
                required: ["title", "author", "year"],
                additionalProperties: false,
            },
            strict: true,
        },
    },
    store: false,
});
const facts = JSON.parse(book.output_text ?? "{}");
console.log(`${facts.title} by ${facts.author} (${facts.year})`);
