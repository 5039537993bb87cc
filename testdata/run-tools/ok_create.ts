import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "What time is it?" }],
});
console.log(reply.choices[0].message.content);
