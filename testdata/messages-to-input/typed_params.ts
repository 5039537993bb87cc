import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";

const client = new OpenAI();

const params: ChatCompletionCreateParamsNonStreaming = {
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Name three colors." }],
  max_tokens: 200,
};

const reply = await client.chat.completions.create(params);
console.log(reply.choices[0].message.content);
