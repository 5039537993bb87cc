// A one-shot question on the Responses API.
import OpenAI from "openai";

const client = new OpenAI();
const resp = await client.responses.create({
  model: "gpt-4o-mini",
  input: [
    { role: "system", content: "You answer geography questions." },
    { role: "user", content: "What is the capital of France?" },
  ],
  max_output_tokens: 200,
  store: false,
});
console.log(resp.output_text);
