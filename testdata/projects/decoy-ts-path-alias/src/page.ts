// `@/` is a tsconfig path alias: which file it names is the build's business.
import { ask } from "@/lib/llm";

export async function title(): Promise<string> {
  const completion = await ask("A title for a blog post");
  return completion.choices[0].message.content ?? "";
}
