// The getter hands out an OpenAI client: the call migrates like one made on the field.
const OpenAI = require("openai");

class Assistant {
  constructor() {
    this._client = new OpenAI();
  }

  get client() {
    return this._client;
  }

  async ask(question) {
    const result = await this.client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: question }],
    });
    return result.choices[0].message.content;
  }
}

module.exports = Assistant;
