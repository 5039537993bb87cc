// A Next.js route that hands the chat stream to the Vercel AI SDK's chat-chunk adapter.
import OpenAI from "openai";
import { OpenAIStream, StreamingTextResponse } from "ai";

const openai = new OpenAI();

export async function POST(req: Request) {
  const { prompt } = await req.json();
  const response = await openai.chat.completions.create({
    model: "gpt-5.5",
    stream: true,
    messages: [{ role: "user", content: prompt }],
  });
  const stream = OpenAIStream(response);
  return new StreamingTextResponse(stream);
}
