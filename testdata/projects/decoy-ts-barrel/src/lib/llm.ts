import OpenAI from "openai";

const client = new OpenAI();

export async function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
}
