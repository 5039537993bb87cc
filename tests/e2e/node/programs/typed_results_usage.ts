// Typed results and token usage read through variables, destructuring and a stream's last chunk.
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type { Stream } from "openai/streaming";

const client = new OpenAI();

const completion: ChatCompletion = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "What is the capital of France?" }],
});
console.log(completion.choices[0].message.content);
const u = completion.usage;
console.log(`in=${u?.prompt_tokens ?? 0} out=${u?.completion_tokens ?? 0} all=${u?.total_tokens ?? 0}`);
const { usage } = completion;
if (usage) {
  console.log(`prompt=${usage.prompt_tokens} completion=${usage.completion_tokens}`);
}

const stream: Stream<ChatCompletionChunk> = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Write a haiku about autumn leaves." }],
  stream: true,
  stream_options: { include_usage: true },
});
let text = "";
let last: CompletionUsage | undefined;
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? "";
  if (chunk.usage) {
    last = chunk.usage;
  }
}
console.log(text);
console.log(`stream tokens: ${last?.prompt_tokens} + ${last?.completion_tokens}`);
