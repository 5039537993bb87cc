import OpenAI from "openai";

const BASE_URL = "https://api.openai.com/v1";
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL ?? BASE_URL });

const res = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(res.choices[0].message.content);
