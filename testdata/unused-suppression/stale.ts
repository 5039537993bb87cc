import OpenAI from "openai";

const client = new OpenAI();
/* responsify: ignore[n-parameter] -- we keep several choices on chat for now */
const many = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: "Names" }] });
console.log(many.choices[0].message.content);
