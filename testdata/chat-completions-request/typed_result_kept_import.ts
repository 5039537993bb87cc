import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import type { ChatCompletionChunk } from "openai/resources/index";

const client = new OpenAI();

// Still typed as a chat completion elsewhere: the import stays.
export function describe(c: ChatCompletion): string {
  return c.id;
}

export async function tell(q: string): Promise<string> {
  const stream: Stream<ChatCompletionChunk> = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: q }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
  }
  return text;
}
