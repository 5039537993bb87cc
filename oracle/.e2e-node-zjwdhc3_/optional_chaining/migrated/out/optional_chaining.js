// Defensive reads with optional chaining and a fallback.
import { OpenAI } from "openai";
const openai = new OpenAI();
const res = await openai.responses.create({
    model: "gpt-4o-mini",
    input: [{ role: "user", content: "How many hearts does an octopus have?" }],
    store: false,
});
const answer = res.output_text ?? "(no answer)";
console.log(answer.toUpperCase());
console.log(`total tokens: ${res.usage?.total_tokens}`);
