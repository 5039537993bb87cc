// A local Ollama server speaks Chat Completions only: responsify must leave this file alone.
import OpenAI from "openai";

const ollama = new OpenAI({
  baseURL: process.env.OLLAMA_URL ?? "http://localhost:11434/v1",
  apiKey: "ollama",
});

export async function chat(prompt: string) {
  const res = await ollama.chat.completions.create({
    model: "llama3.1",
    messages: [{ role: "user", content: prompt }],
  });
  return res.choices[0].message.content;
}
