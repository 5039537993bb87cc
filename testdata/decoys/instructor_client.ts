import Instructor from "@instructor-ai/instructor";
import OpenAI from "openai";
import { z } from "zod";

const oai = new OpenAI();
const client = Instructor({ client: oai, mode: "TOOLS" });

const User = z.object({ name: z.string(), age: z.number() });

export async function extract(text: string) {
  const user = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: text }],
    response_model: { schema: User, name: "User" },
  });
  return user.name;
}
