// `ask` is exported through `module.exports`: callers in other files may pass any client.
const OpenAI = require("openai");

async function ask(openai, question) {
  const res = await openai.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: question }],
  });
  return res.choices[0].message.content ?? "";
}

async function main() {
  console.log(await ask(new OpenAI(), "Why is the sky blue?"));
}

module.exports = { ask, main };
