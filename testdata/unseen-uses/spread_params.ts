import OpenAI from "openai";

const client = new OpenAI();

export async function complete(options: Record<string, unknown>) {
  const res = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: "Hi" }],
    ...options,
  });
  console.log(res.choices[0].message.content);
}
