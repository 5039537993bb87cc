import OpenAI from "openai";

const client = new OpenAI();

export async function Answer({ question }: { question: string }) {
  const reply = await client.responses.create({ model: "gpt-5.5", input: question, store: false });
  return <p>{reply.choices[0].message.content}</p>;
}
