import OpenAI from "openai";

const client = new OpenAI();

const plan = await client.responses.create({ model: "o4-mini", input: "Plan a trip.", reasoning_effort: "high", store: false });
console.log(plan.output_text);
