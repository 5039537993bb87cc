import OpenAI from "openai";
import { CITY_FORMAT } from "./formats";

const client = new OpenAI();

export async function nextStop(route: string[]): Promise<string> {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `After ${route.join(", ")}, which city?` }],
    response_format: CITY_FORMAT,
  });
  return completion.choices[0].message.content ?? "";
}
