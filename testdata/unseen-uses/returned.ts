import OpenAI from "openai";

const client = new OpenAI();

export function ask(question: string) {
  return client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: question }],
  });
}
