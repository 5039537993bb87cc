// A client with a `provider` option sends its requests to another service (Amazon
// Bedrock here): not proven OpenAI, so nothing is rewritten.
import OpenAI from "openai";
import { bedrock } from "./providers";

const client = new OpenAI({ provider: bedrock({ region: "us-east-1" }) });

const reply = await client.chat.completions.create({
  model: "anthropic.claude-sonnet",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(reply.choices[0].message.content);
