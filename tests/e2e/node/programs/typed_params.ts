// A typed request object built before the call.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";

const client = new OpenAI();

const params: ChatCompletionCreateParamsNonStreaming = {
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Name a primary color." }],
  max_completion_tokens: 64,
};

const reply = await client.chat.completions.create(params);
console.log(reply.choices[0].message.content);
console.log(`prompt tokens: ${reply.usage?.prompt_tokens}`);
