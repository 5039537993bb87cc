// Stream a reply and keep the token counts the last event carries, read under an `if`.
import OpenAI from "openai";

const client = new OpenAI();

const stream = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Again" }],
  stream: true,
  stream_options: { include_usage: true },
});
let text = "";
let promptTokens = 0;
let completionTokens = 0;
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? "";
  if (chunk.usage) {
    promptTokens = chunk.usage.prompt_tokens;
    completionTokens = chunk.usage.completion_tokens;
  }
}
console.log(text, promptTokens, completionTokens);
