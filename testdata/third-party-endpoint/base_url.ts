import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_KEY });

const res = await client.chat.completions.create({
  model: "anthropic/claude-sonnet",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(res.choices[0].message.content);
