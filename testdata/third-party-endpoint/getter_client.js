// A provider class keeps its client in `this._client` and hands it out through a getter:
// the call goes to Groq, whose base URL the constructor names.
const OpenAI = require("openai");

class GroqProvider {
  constructor(config = {}) {
    const client = new OpenAI({
      baseURL: "https://api.groq.com/openai/v1",
      apiKey: process.env.GROQ_API_KEY,
    });
    this._client = client;
    this.model = config.model;
  }

  get client() {
    return this._client;
  }

  async complete(messages) {
    const result = await this.client.chat.completions.create({ model: this.model, messages });
    return result.choices[0].message.content;
  }
}

module.exports = GroqProvider;
