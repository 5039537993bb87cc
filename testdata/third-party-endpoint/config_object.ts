import OpenAI from "openai";
import { config } from "./config";

const llm = new OpenAI({ baseURL: config.llm.baseUrl, apiKey: config.llm.apiKey });

export async function classify(text: string) {
  const res = await llm.chat.completions.create({
    model: config.llm.model,
    messages: [{ role: "user", content: `Classify: ${text}` }],
  });
  return res.choices[0].message.content;
}
