import OpenAI from "openai";
const client = new OpenAI();
const stream = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
for await (const chunk of stream) {
  const delta = chunk.choices[0].delta;
  console.log(delta.content);
}
