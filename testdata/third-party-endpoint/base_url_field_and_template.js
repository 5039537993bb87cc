// Other servers named indirectly: a base URL kept in a field the constructor sets once, and
// one built from a template whose host is written out up to its domain.
const { OpenAI } = require("openai");

class OpenRouterImages {
  constructor() {
    this.basePath = "https://openrouter.ai/api/v1";
    this.openai = new OpenAI({
      baseURL: this.basePath,
      apiKey: process.env.OPENROUTER_API_KEY,
    });
  }

  async describe(prompt) {
    const result = await this.openai.chat.completions.create({
      model: "openai/gpt-5.5",
      messages: [{ role: "user", content: prompt }],
    });
    return result.choices[0].message.content;
  }
}

function bedrockClient(region) {
  return new OpenAI({ baseURL: `https://bedrock-mantle.${region}.api.aws/v1` });
}

async function askBedrock(region, question) {
  const client = bedrockClient(region);
  const reply = await client.chat.completions.create({
    model: "openai.gpt-oss-120b",
    messages: [{ role: "user", content: question }],
  });
  return reply.choices[0].message.content;
}

module.exports = { OpenRouterImages, askBedrock };
