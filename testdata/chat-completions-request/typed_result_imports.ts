import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ChatCompletionTool } from "openai/resources/index";
import { ChatCompletionCreateParams } from "openai/resources/chat";

const client = new OpenAI();

// The tool type is re-exported, and the params type was never used: both stay.
export type { ChatCompletionTool };

export async function ask(q: string): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [{ role: "user", content: q }];
  const completion: ChatCompletion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
  return completion.choices[0].message.content ?? "";
}
