// One vision message list sent to OpenAI and to Groq: rewriting its parts for Responses
// would break the Groq call, which stays on Chat Completions.
import Groq from "groq-sdk";
import OpenAI from "openai";

const openai = new OpenAI();
const groq = new Groq();

export async function describe(): Promise<void> {
  const picture: any[] = [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image_url", image_url: { url: "https://example.com/dog.png" } },
      ],
    },
  ];
  const first = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: picture });
  const second = await groq.chat.completions.create({ model: "llama-3.2-11b-vision-preview", messages: picture });
  console.log(first.choices[0].message.content, second.choices[0].message.content);
}
