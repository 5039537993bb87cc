import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({
  model: "gpt-5.5",
  input: [{ role: "user", content: "Name a prime." }],
  store: false,
});
console.log(reply.output_text);
