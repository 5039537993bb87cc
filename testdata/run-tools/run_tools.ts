import OpenAI from "openai";

const client = new OpenAI();

const runner = client.chat.completions.runTools({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "What time is it?" }],
  tools: [],
});
console.log(await runner.finalContent());
