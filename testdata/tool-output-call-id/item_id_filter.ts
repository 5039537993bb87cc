import OpenAI from "openai";

const client = new OpenAI();

import type { ResponseInputItem } from "openai/resources/responses/responses";

const history: ResponseInputItem[] = [{ role: "user", content: "Weather in Oslo?" }];
const reply = await client.responses.create({
  model: "gpt-4o-mini",
  input: history,
  tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: false }],
});
const calls = reply.output.filter((item) => item.type === "function_call");
for (const call of calls) {
  history.push(call);
  history.push({ type: "function_call_output", call_id: call.id!, output: "4 degrees" });
}
for (const item of reply.output) {
  // Not known to be a function call: its `id` is reported, not rewritten.
  history.push({ type: "function_call_output", call_id: item.id ?? "", output: "?" });
}
const next = await client.responses.create({ model: "gpt-4o-mini", input: history });
console.log(next.output_text);
