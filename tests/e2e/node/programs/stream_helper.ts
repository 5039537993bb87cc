// The stream() helper: print the chunks as they come, then check the final completion.
import OpenAI from "openai";

const client = new OpenAI();

const stream = client.chat.completions.stream({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Count from one to five." }],
});

let text = "";
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? "";
}
const final = await stream.finalChatCompletion();
console.log(text);
console.log(final.choices[0].message.content === text);
