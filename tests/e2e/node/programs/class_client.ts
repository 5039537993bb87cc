// A class that holds the client in a field and returns the completion from a method; the
// file's instance and another method read the text, one of them through `(await …)`.
import OpenAI from "openai";

class Assistant {
  private client = new OpenAI();

  async ask(prompt: string) {
    return this.client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: prompt },
      ],
      max_tokens: 60,
    });
  }

  async answer(prompt: string): Promise<string> {
    return (await this.ask(prompt)).choices[0].message.content ?? "";
  }
}

const assistant = new Assistant();
console.log(await assistant.answer("What is the capital of France?"));
const counted = await assistant.ask("Name a primary color.");
console.log(counted.choices[0].message.content);
console.log(`tokens: ${counted.usage?.prompt_tokens} + ${counted.usage?.completion_tokens}`);
