// Imports the helper from the barrel, naming neither the helper's file nor its path.
import { ask } from "./lib";

export async function headline(): Promise<string> {
  const completion = await ask("A headline for today");
  return completion.choices[0].message.content ?? "";
}
