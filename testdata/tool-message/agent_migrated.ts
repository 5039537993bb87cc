// Support bot moved to the Responses API by an agent: the shapes it kept from Chat Completions.
import OpenAI from "openai";
import type { ResponseInputItem } from "openai/resources/responses/responses";

const client = new OpenAI();

function lookupOrder(args: { number: string }): string {
  return JSON.stringify({ number: args.number, status: "shipped" });
}

export async function answer(question: string): Promise<string> {
  const input: ResponseInputItem[] = [
    { role: "system", content: "You are a support agent." },
    { role: "user", content: question },
  ];
  const first = await client.responses.create({
    model: "gpt-5.5",
    input,
    tools: [
      {
        type: "function",
        function: {
          name: "lookup_order",
          description: "Find an order by its number",
          parameters: { type: "object", properties: { number: { type: "string" } }, required: ["number"] },
        },
      },
    ],
    text: {
      format: {
        type: "json_schema",
        json_schema: {
          name: "answer",
          schema: { type: "object", properties: { reply: { type: "string" } }, required: ["reply"], additionalProperties: false },
          strict: true,
        },
      },
    },
    store: false,
  });
  for (const item of first.output) {
    if (item.type === "function_call") {
      input.push(item);
      input.push({ role: "tool", tool_call_id: item.call_id, content: lookupOrder(JSON.parse(item.arguments)) });
    }
  }
  console.log(first.usage?.prompt_tokens);
  return first.output_text;
}
