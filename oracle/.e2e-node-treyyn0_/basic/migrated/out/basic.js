// The smallest program: one question, print the answer.
import OpenAI from "openai";
const client = new OpenAI();
const completion = await client.responses.create({
    model: "gpt-4o-mini",
    input: [{ role: "user", content: "What is the capital of France?" }],
    store: false,
});
console.log(completion.output_text);
