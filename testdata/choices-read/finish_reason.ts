import OpenAI from "openai";

const client = new OpenAI();

const res = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Write a long essay." }],
  max_completion_tokens: 50,
});
if (res.choices[0].finish_reason === "length") {
  console.log("cut short:", res.choices[0].message.content);
}
