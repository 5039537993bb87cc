import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";

const client = new OpenAI();

function ask(stream: true): Promise<Stream<ChatCompletionChunk>>;
function ask(stream?: false): Promise<ChatCompletion>;
async function ask(stream?: boolean) {
  return client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream });
}

const done = await ask();
console.log(done.choices[0].message.content);
// The stream is handed to code responsify does not see.
declare function consume(chunks: AsyncIterable<unknown>): Promise<void>;
await consume(await ask(true));
