import OpenAI from "openai";
const client = new OpenAI();

export async function collect() {
  const stream = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: "hi" }], stream: true });
  const chunks = [];
  for await (const part of stream) chunks.push(part);
  console.log(chunks.map((c) => c.choices[0]?.delta.content || "").join(""));
}
