// Streaming on the Responses API.
import OpenAI from "openai";

const client = new OpenAI();
const stream = await client.responses.create({ model: "gpt-4o-mini", input: "Write a haiku about autumn.", stream: true, store: false });
for await (const event of stream) {
  if (event.type === "response.output_text.delta") process.stdout.write(event.delta);
}
process.stdout.write("\n");
