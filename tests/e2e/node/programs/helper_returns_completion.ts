// A helper that returns the whole completion; its callers in the file read the text and
// the token counts, one of them through another function that returns the text.
import OpenAI from "openai";

const client = new OpenAI();

async function complete(prompt: string) {
  return client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: prompt },
    ],
    max_tokens: 60,
  });
}

async function text(prompt: string): Promise<string> {
  const completion = await complete(prompt);
  return completion.choices[0].message.content ?? "";
}

console.log(await text("What is the capital of France?"));
const counted = await complete("Name a primary color.");
console.log(counted.choices[0].message.content);
console.log(`tokens: ${counted.usage?.prompt_tokens} + ${counted.usage?.completion_tokens}`);
