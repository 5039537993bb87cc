import OpenAI from "openai";

const client = new OpenAI();
const tools: OpenAI.Responses.Tool[] = [
  { type: "function", name: "lookup", parameters: { type: "object", properties: {} }, strict: false },
];

const resp = await client.responses.create({ model: "o4-mini", input: "Look it up.", tools, store: true });
const call = resp.output[0];
if (call.type === "function_call") {
  console.log(JSON.parse(call.arguments));
}
console.log(resp.output[0]!.type);
