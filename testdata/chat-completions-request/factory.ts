import OpenAI from "openai";

function makeClient() {
  return new OpenAI({ baseURL: "https://api.openai.com/v1", maxRetries: 3 });
}

class Service {
  client: OpenAI;

  constructor() {
    this.client = makeClient();
  }

  async title(text: string) {
    const res = await this.client.chat.completions.create({
      model: "gpt-5.5",
      messages: [{ role: "user", content: `Title for: ${text}` }],
    });
    return res.choices[0].message.content;
  }
}

export const service = new Service();
