// The smallest program: one question, print the answer.
import OpenAI from "openai";
const client = new OpenAI();
const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "What is the capital of France?" }],
});
console.log(completion.choices[0].message.content);
