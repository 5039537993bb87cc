// A request builder overloaded on its `stream` flag, like the SDK's own `create`, and callers
// that get a stream, a completion, or either (told apart with `instanceof Stream`).
import OpenAI from "openai";
import { Stream } from "openai/streaming";
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";

const client = new OpenAI();

function ask(question: string, stream: true): Promise<Stream<ChatCompletionChunk>>;
function ask(question: string, stream?: false): Promise<ChatCompletion>;
function ask(question: string, stream: boolean): Promise<Stream<ChatCompletionChunk> | ChatCompletion>;
async function ask(question: string, stream?: boolean) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    stream,
  });
}

async function show(question: string, streaming: boolean): Promise<void> {
  const res = await ask(question, streaming);
  if (res instanceof Stream) {
    let text = "";
    for await (const chunk of res) {
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    console.log(`streamed: ${text}`);
  } else {
    console.log(`answered: ${res.choices[0].message.content}`);
  }
}

const stream = await ask("Write a haiku about autumn leaves.", true);
let haiku = "";
for await (const chunk of stream) {
  haiku += chunk.choices[0]?.delta?.content ?? "";
}
console.log(haiku);
const completion = await ask("What is the capital of France?");
console.log(completion.choices[0].message.content);
await show("Name a primary color.", true);
await show("Name a primary color.", false);
