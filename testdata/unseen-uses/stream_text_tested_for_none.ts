import OpenAI from "openai";
const client = new OpenAI();

export async function relay(q: string, write: (s: string) => void) {
  const stream = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: q }], stream: true });
  for await (const part of stream) {
    if (part.choices[0].delta.content == undefined) break;
    write(part.choices[0].delta.content);
  }
}
