// Structured output whose format kept the Chat Completions wrapper.
import OpenAI from "openai";

const client = new OpenAI();
const EVENT = {
  type: "object",
  properties: { name: { type: "string" }, date: { type: "string" }, participants: { type: "array", items: { type: "string" } } },
  required: ["name", "date", "participants"],
  additionalProperties: false,
};
const resp = await client.responses.create({
  model: "gpt-4o-mini",
  input: "Alice and Bob are going to a science fair on Friday. Extract the event.",
  text: { format: { type: "json_schema", json_schema: { name: "event", schema: EVENT, strict: true } } },
  store: false,
});
const event = JSON.parse(resp.output_text);
console.log(event.name, "on", event.date, "with", event.participants.join(", "));
