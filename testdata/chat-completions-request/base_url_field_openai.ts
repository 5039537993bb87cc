// A base URL kept in a field: OpenAI's own URL, so the request migrates.
import OpenAI from "openai";

export class Summarizer {
  private basePath: string;
  private client: OpenAI;

  constructor() {
    this.basePath = "https://api.openai.com/v1";
    this.client = new OpenAI({ baseURL: this.basePath });
  }

  async summarize(text: string): Promise<string | null> {
    const completion = await this.client.chat.completions.create({
      model: "gpt-5.5",
      messages: [{ role: "user", content: `Summarize: ${text}` }],
    });
    return completion.choices[0].message.content;
  }
}
