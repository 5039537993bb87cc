// Streaming on the Responses API, but still reading chat chunks.
import OpenAI from "openai";

const client = new OpenAI();
const stream = await client.responses.create({
  model: "gpt-4o-mini",
  input: "Write a haiku about autumn.",
  stream: true,
  stream_options: { include_usage: true },
  store: false,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
process.stdout.write("\n");
