import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";

const client = new OpenAI();

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];
const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Weather in Paris?" }];

const response = await client.chat.completions.create({ model: "gpt-5.5", messages, tools });
const message = response.choices[0].message;
if (message.tool_calls) {
  messages.push(message);
  for (const call of message.tool_calls) {
    if (call.type !== "function") continue;
    const args = JSON.parse(call.function.arguments);
    messages.push({ role: "tool", tool_call_id: call.id, content: `sunny in ${args.city}` });
  }
}
