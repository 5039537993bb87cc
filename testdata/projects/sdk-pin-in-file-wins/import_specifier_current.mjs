// The specifier asks for the newest 4.x (which has the Responses API): it wins over the
// folder's package.json (4.24.7) for this file, and the call migrates.
import OpenAI from "npm:openai@^4.90.0";

const openai = new OpenAI();
const r = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
console.log(r.choices[0].message.content);
