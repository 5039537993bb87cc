import OpenAI from "openai";
import { ask } from "./lib/llm";

// The service's own client (for embeddings): not the one `ask` calls.
export const client = new OpenAI();

export async function capital(country: string) {
  return ask(`Capital of ${country}?`);
}
