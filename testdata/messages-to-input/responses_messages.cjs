const OpenAI = require("openai");

const client = new OpenAI();

async function ask(question) {
  const reply = await client.responses.create({ model: "gpt-5.5", messages: [{ role: "user", content: question }], store: false });
  return reply.output_text;
}

module.exports = { ask };
