// Defensive reads with optional chaining and a fallback.
import { OpenAI } from "openai";
const openai = new OpenAI();
const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "How many hearts does an octopus have?" }],
});
const answer = res.choices[0]?.message?.content ?? "(no answer)";
console.log(answer.toUpperCase());
console.log(`total tokens: ${res.usage?.total_tokens}`);
