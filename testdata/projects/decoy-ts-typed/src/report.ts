import type { ChatCompletion } from "openai/resources/chat/completions";
import { ask } from "./lib/llm";

function text(completion: ChatCompletion): string {
  return completion.choices[0].message.content ?? "";
}

export async function report(): Promise<string> {
  const completion: ChatCompletion = await ask("Summarize the week");
  return text(completion);
}
