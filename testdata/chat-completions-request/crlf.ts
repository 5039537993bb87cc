import OpenAI from "openai";

const client = new OpenAI();

// Windows line endings stay as they are.
const res = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(res.choices[0].message.content);
