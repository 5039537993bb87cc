import OpenAI from "openai";

const client = new OpenAI();

// Bound to exported names: other modules read them as Chat Completions results.
export const reply = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
console.log(reply.choices[0].message.content);

const chunks = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
export { chunks };
