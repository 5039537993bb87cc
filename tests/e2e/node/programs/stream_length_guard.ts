// Stream a haiku, skipping chunks without choices by their count (`choices.length`).
import OpenAI from "openai";

const client = new OpenAI();

const stream = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Write a haiku about autumn leaves." }],
  stream: true,
});

let text = "";
for await (const chunk of stream) {
  if (chunk.choices.length > 0 && chunk.choices[0].delta.content) {
    text += chunk.choices[0].delta.content;
  }
}
console.log(text);
