import OpenAI from "openai";

const client = new OpenAI();

export default async function Answer({ question }: { question: string }) {
  const res = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: question }],
  });
  return <p className="answer">{res.choices[0].message.content}</p>;
}
