// A json_schema response format written out as a literal.
import OpenAI from "openai";
const client = new OpenAI();
const book = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Give me the facts about the novel Dune." }],
    response_format: {
        type: "json_schema",
        json_schema: {
            name: "book",
            strict: true,
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
        },
    },
});
const facts = JSON.parse(book.choices[0].message.content ?? "{}");
console.log(`${facts.title} by ${facts.author} (${facts.year})`);
