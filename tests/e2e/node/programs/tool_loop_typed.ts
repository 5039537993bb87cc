// A typed tool loop: the SDK's types make the code check each tool call's kind first.
import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";

const client = new OpenAI();

const PRICES: Record<string, number> = { AAPL: 187.5, MSFT: 410.25 };

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_stock_price",
      description: "Latest price of a stock.",
      parameters: {
        type: "object",
        properties: { symbol: { type: "string" } },
        required: ["symbol"],
      },
    },
  },
];

const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "What is the share price of AAPL?" }];

const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools });
const reply = first.choices[0].message;
if (reply.tool_calls) {
  messages.push(reply);
  for (const call of reply.tool_calls) {
    if (call.type !== "function") continue;
    const { symbol } = JSON.parse(call.function.arguments) as { symbol: string };
    console.log(`looking up ${symbol} (${call.function.name})`);
    messages.push({
      role: "tool",
      tool_call_id: call.id,
      content: JSON.stringify({ symbol, price: PRICES[symbol] ?? 0, currency: "USD" }),
    });
  }
  const second = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools });
  console.log(second.choices[0].message.content);
}
