import OpenAI from "openai";

const client = new OpenAI();

export async function housekeeping(completionId: string) {
  const stored = await client.chat.completions.retrieve(completionId);
  console.log(stored.choices[0].message.content);
  const messages = await client.chat.completions.messages.list(completionId);
  console.log(messages.data.length);
  await client.chat.completions.update(completionId, { metadata: { reviewed: "yes" } });
  for await (const completion of client.chat.completions.list({ model: "gpt-5.5" })) {
    console.log(completion.id);
  }
  await client.chat.completions.delete(completionId);
}
