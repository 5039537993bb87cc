// The weather tool loop of residue/output_item_id.ts as it should be: outputs quote the
// call's `call_id`.
import OpenAI from "openai";
import type { ResponseInputItem } from "openai/resources/responses/responses";

const client = new OpenAI();
const MODEL = "gpt-4o-mini";
const TOOLS: OpenAI.Responses.Tool[] = [
  {
    type: "function",
    name: "get_weather",
    description: "Get the current weather for a city.",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string" } },
      required: ["city", "unit"],
      additionalProperties: false,
    },
    strict: true,
  },
];

function weather(args: string): string {
  const { city, unit } = JSON.parse(args) as { city: string; unit: string };
  return JSON.stringify({ city, unit, temperature: city === "Paris" ? 18 : 24, conditions: "clear" });
}

async function main(): Promise<void> {
  const history: ResponseInputItem[] = [{ role: "user", content: "What's the weather in Paris and Tokyo?" }];
  const first = await client.responses.create({ model: MODEL, input: history, tools: TOOLS, store: false });
  for (const item of first.output) {
    if (item.type === "function_call") {
      console.log(`calling ${item.name}(${item.arguments})`);
      history.push(item);
      history.push({ type: "function_call_output", call_id: item.call_id, output: weather(item.arguments) });
    }
  }
  const second = await client.responses.create({ model: MODEL, input: history, tools: TOOLS, store: false });
  console.log(second.output_text);

  // The same, with the calls picked out by a filter.
  const again: ResponseInputItem[] = [{ role: "user", content: "And the weather in Tokyo?" }];
  const third = await client.responses.create({ model: MODEL, input: again, tools: TOOLS, store: false });
  const calls = third.output.filter((item) => item.type === "function_call");
  for (const call of calls) {
    const fourth = await client.responses.create({
      model: MODEL,
      input: [...again, call, { type: "function_call_output", call_id: call.call_id, output: weather(call.arguments) }],
      tools: TOOLS,
      store: false,
    });
    console.log(fourth.output_text);
  }
}

await main();
