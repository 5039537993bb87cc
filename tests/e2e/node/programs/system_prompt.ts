// A system message and sampling parameters travel with the question.
import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "Answer in one sentence." },
    { role: "user", content: "Explain what a hash map is." },
  ],
  temperature: 0.3,
  max_tokens: 120,
});
console.log(reply.choices[0].message.content);
console.log(`model: ${reply.model}`);
