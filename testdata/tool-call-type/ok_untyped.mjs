import OpenAI from "openai";

const client = new OpenAI();
const response = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Weather in Paris?" }],
});
for (const call of response.choices[0].message.tool_calls ?? []) {
  console.log(call.function.name);
}
