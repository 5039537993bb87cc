// A question sent as content parts in the chat form.
import OpenAI from "openai";

const client = new OpenAI();
const resp = await client.responses.create({
  model: "gpt-4o-mini",
  input: [{ role: "user", content: [{ type: "text", text: "How many hearts does an octopus have?" }] }],
  tool_choice: "none",
  store: false,
});
console.log(resp.output_text);
