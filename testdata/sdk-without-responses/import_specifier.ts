// Deno: the import specifier pins the SDK, older than the Responses API (4.87.2).
import OpenAI from "npm:openai@4.20.0";

const openai = new OpenAI();
const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
console.log(r.choices[0].message.content);
