import OpenAI from "openai";

const client = new OpenAI();

// The last event's usage read under `if (chunk.usage)`: the test narrows the event so the
// reads inside type-check under --strict.
const stream = await client.chat.completions.create({
  model: "gpt-5.4-mini",
  messages: [{ role: "user", content: "List three rivers of Portugal." }],
  stream: true,
  stream_options: { include_usage: true },
});
let spent = 0;
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
  if (chunk.usage) {
    spent = chunk.usage.prompt_tokens + chunk.usage.completion_tokens;
  }
}
console.log(`\n${spent} tokens`);
