import OpenAI from "openai";

const client = new OpenAI();

const resp = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(resp.usage?.prompt_tokens, resp.usage?.completion_tokens, resp.usage?.total_tokens);
