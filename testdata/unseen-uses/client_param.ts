import type OpenAI from "openai";

export async function ask(client: OpenAI, question: string): Promise<string> {
  const res = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: question }],
  });
  return res.choices[0].message.content ?? "";
}
