import { openai } from "./clients";

export async function tagline(product) {
  const res = await openai.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: `A tagline for ${product}` }],
  });
  return res.choices[0].message.content ?? "";
}
