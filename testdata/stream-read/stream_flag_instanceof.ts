import OpenAI from "openai";
import { Stream } from "openai/streaming";

const client = new OpenAI();

// No overloads: every call gives a stream or a completion, told apart by `instanceof`.
async function ask(stream: boolean) {
  return client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream });
}

const res = await ask(process.argv.length > 2);
if (res instanceof Stream) {
  for await (const chunk of res) {
    process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
  }
} else {
  console.log(res.choices[0].message.content);
}
