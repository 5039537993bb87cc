import OpenAI from "openai";

const client = new OpenAI();

export async function housekeeping(responseId: string) {
  const stored = await client.responses.retrieve(responseId);
  console.log(stored.output_text);
  const items = await client.responses.inputItems.list(responseId);
  console.log(items.data.length);
  await client.responses.delete(responseId);
}
