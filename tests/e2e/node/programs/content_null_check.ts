// Tell a tool call from a text reply by testing the reply's text for null.
import OpenAI from "openai";

const client = new OpenAI();

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_stock_price",
      description: "Latest price of a stock.",
      parameters: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] },
    },
  },
];

for (const question of ["What is the share price of AAPL?", "What is the capital of France?"]) {
  const r = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
    tools,
  });
  const text = r.choices[0].message.content;
  if (text === null || text === undefined) {
    console.log("the model asked for a tool");
  } else {
    console.log("text:", text);
  }
  console.log("shown:", r.choices[0].message.content ?? "(no text)");
  console.log("has text:", text != null);
}
