import OpenAI from "openai";
import { tools } from "./tools";

const client = new OpenAI();

export async function weatherCall(question: string) {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    tools,
    tool_choice: "auto",
  });
  const message = completion.choices[0].message;
  if (message.tool_calls) {
    for (const call of message.tool_calls) {
      if (call.type === "function") {
        return `${call.function.name}(${call.function.arguments})`;
      }
    }
  }
  return message.content;
}
