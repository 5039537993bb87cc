import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Say hello" }],
});
console.log(reply.choices[0].message.content);
