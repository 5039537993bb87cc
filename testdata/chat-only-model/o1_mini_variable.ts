import OpenAI from "openai";

const client = new OpenAI();
const MODEL = "o1-mini";

const plan = await client.chat.completions.create({
  model: MODEL,
  messages: [{ role: "user", content: "Plan a three-day trip to Kyoto." }],
});
console.log(plan.choices[0].message.content);
