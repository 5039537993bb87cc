// A one-shot question whose call moved to responses.create but kept its chat parameters.
import OpenAI from "openai";

const client = new OpenAI();
const resp = await client.responses.create({
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "You answer geography questions." },
    { role: "user", content: "What is the capital of France?" },
  ],
  max_tokens: 200,
  store: false,
});
console.log(resp.choices[0]?.message?.content);
