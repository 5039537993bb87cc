import OpenAI from "openai";
import { tools as weatherTools } from "./tools.js";

const client = new OpenAI();

async function main() {
  const r = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Weather in Paris?" }],
    tools: weatherTools,
  });
  console.log(r.choices[0].message.content);
}

main();
