const OpenAI = require("openai");

const client = new OpenAI({ baseURL: process.env.LLM_BASE_URL });

async function run() {
  const res = await client.chat.completions.create({
    model: "local-model",
    messages: [{ role: "user", content: "Hi" }],
  });
  return res.choices[0].message.content;
}

module.exports = { run };
