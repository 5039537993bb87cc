import OpenAI from "openai";

const openai = new OpenAI();
const r = await openai.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "hi" }] });
console.log(r.choices[0].message.content);
