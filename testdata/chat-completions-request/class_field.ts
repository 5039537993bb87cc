import OpenAI from "openai";

export class Assistant {
  private client = new OpenAI();
  private readonly model: string;

  constructor(model: string) {
    this.model = model;
  }

  async reply(question: string): Promise<string> {
    const res = await this.client.chat.completions.create({
      model: this.model,
      messages: [{ role: "user", content: question }],
    });
    return res.choices[0].message.content ?? "";
  }
}
