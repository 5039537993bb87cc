// A client built for another server and handed to the parent class, which keeps it as
// `this.client`: the parent is out of sight, but what it is handed is not.
const { OpenAI } = require("openai");
const { BaseGenerator } = require("./base");

class OpenRouterGenerator extends BaseGenerator {
  constructor() {
    super({
      client: new OpenAI({
        baseURL: "https://openrouter.ai/api/v1",
        apiKey: process.env.OPENROUTER_API_KEY,
      }),
      model: process.env.OPENROUTER_MODEL,
    });
  }

  async generate(prompt) {
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages: [{ role: "user", content: prompt }],
    });
    return completion.choices[0].message.content;
  }
}

module.exports = { OpenRouterGenerator };
