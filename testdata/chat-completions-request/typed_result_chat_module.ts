import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat";
import { type ChatCompletionMessageParam, type ChatCompletionCreateParams } from "openai/resources/index";

const client = new OpenAI();

async function complete(q: string): Promise<ChatCompletion> {
  const messages: ChatCompletionMessageParam[] = [{ role: "user", content: q }];
  return client.chat.completions.create({ model: "gpt-4o-mini", messages });
}

const completion = await complete("Hi");
console.log(completion.choices[0].message.content);
export type Params = ChatCompletionCreateParams;
