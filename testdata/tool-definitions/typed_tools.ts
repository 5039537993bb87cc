import OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";

const client = new OpenAI();

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "lookup",
      description: "Look a word up",
      parameters: { type: "object", properties: { word: { type: "string" } }, required: ["word"] },
    },
  },
];

const res = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Define serendipity" }],
  tools,
  tool_choice: "auto",
});
console.log(res.choices[0].message.content);
