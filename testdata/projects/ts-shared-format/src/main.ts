import OpenAI from "openai";
import { CITY_FORMAT } from "./formats";

const client = new OpenAI();

export async function capital(country: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `The capital of ${country}?` }],
    response_format: CITY_FORMAT,
  });
  return completion.choices[0].message.content ?? "";
}
