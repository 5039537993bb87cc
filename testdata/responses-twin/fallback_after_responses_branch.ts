// A method that turns to the Responses API when it is enabled and returns, and falls back to
// Chat Completions otherwise: the chat request is the fallback, kept on purpose.
import OpenAI from "openai";

export class Assistant {
  constructor(
    private client: OpenAI,
    private useResponsesApi: boolean,
  ) {}

  private async completeViaResponses(prompt: string): Promise<string> {
    const response = await this.client.responses.create({
      model: "gpt-5.5",
      input: prompt,
      store: false,
    });
    return response.output_text;
  }

  async complete(prompt: string): Promise<string | null> {
    if (this.useResponsesApi) {
      return this.completeViaResponses(prompt);
    }
    const completion = await this.client.chat.completions.create({
      model: "gpt-5.5",
      messages: [{ role: "user", content: prompt }],
    });
    return completion.choices[0].message.content;
  }
}
