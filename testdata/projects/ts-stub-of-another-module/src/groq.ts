import OpenAI from "openai";

// Another provider's Chat Completions endpoint: left as it is, and so is its test.
export const groq = new OpenAI({ baseURL: "https://api.groq.com/openai/v1" });

export async function fast(question: string) {
  const r = await groq.chat.completions.create({
    model: "llama-3.1-8b-instant",
    messages: [{ role: "user", content: question }],
  });
  return r.choices[0].message.content;
}
