import OpenAI from "https://esm.sh/openai@4.20.0";
import { OpenAI as DenoOpenAI } from "https://deno.land/x/openai@v4.20.0/mod.ts";

const esm = new OpenAI();
const r = await esm.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
console.log(r.choices[0].message.content);

const deno = new DenoOpenAI();
const d = await deno.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
console.log(d.choices[0].message.content);
