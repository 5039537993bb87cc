import OpenAI from "openai";

const client = new OpenAI();

const stream = client.chat.completions.stream({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Tell me a story" }],
});
stream.on("content", (delta) => process.stdout.write(delta));
const final = await stream.finalChatCompletion();
console.log(final.choices[0].message.content);
