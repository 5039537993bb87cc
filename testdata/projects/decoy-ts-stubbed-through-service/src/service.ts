import { ask } from "./lib/llm";

export async function capital(country: string) {
  const r = await ask(`Capital of ${country}?`);
  return r.choices[0].message.content;
}
