// OpenAI's own client handed to the parent class, which keeps it as `this.client`: the
// parent is out of sight (it may wrap or replace the client), so the fix is only shown.
const { OpenAI } = require("openai");
const { BaseGenerator } = require("./base");

class OpenAIGenerator extends BaseGenerator {
  constructor() {
    super({ client: new OpenAI(), model: "gpt-5.5" });
  }

  async generate(prompt) {
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages: [{ role: "user", content: prompt }],
    });
    return completion.choices[0].message.content;
  }
}

module.exports = { OpenAIGenerator };
