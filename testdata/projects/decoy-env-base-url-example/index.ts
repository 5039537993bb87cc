// `new OpenAI()` reads OPENAI_BASE_URL, which the project's .env.example points at Groq.
import OpenAI from "openai";

const openai = new OpenAI();
const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
console.log(r.choices[0].message.content);
