// A Next.js route on the Vercel AI SDK: the SDK owns the wire format, not this file.
import { openai } from "@ai-sdk/openai";
import { streamText } from "ai";

export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({
    model: openai.chat("gpt-4o-mini"),
    messages,
  });
  return result.toDataStreamResponse();
}
