// responsify: ignore-file[azure-dated-api-version] — this service stays on the dated Azure API until the v1 rollout.
import { AzureOpenAI } from "openai";

const client = new AzureOpenAI({ apiVersion: "2024-06-01", deployment: "gpt-4o" });

export async function ask(q: string) {
  const res = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] });
  return res.choices[0].message.content;
}
