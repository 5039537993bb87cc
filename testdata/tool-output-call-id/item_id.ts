import OpenAI from "openai";

const client = new OpenAI();

import type { ResponseInputItem } from "openai/resources/responses/responses";

const history: ResponseInputItem[] = [{ role: "user", content: "Weather in Oslo?" }];
const reply = await client.responses.create({
  model: "gpt-5.5",
  input: history,
  tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: false }],
  store: false,
});
for (const item of reply.output) {
  if (item.type === "function_call") {
    const next = await client.responses.create({
      model: "gpt-5.5",
      input: [...history, item, { type: "function_call_output", call_id: item.id ?? "", output: "4 degrees" }],
      store: false,
    });
    console.log(next.output_text);
  }
}
