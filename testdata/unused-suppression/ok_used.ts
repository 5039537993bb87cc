import OpenAI from "openai";

const client = new OpenAI();
// responsify: ignore[chat-completions-request] the eval harness compares against chat
const legacy = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: "x" }] });
console.log(legacy.choices[0].message.content);
