// A small helper that asks one question and returns the text; called several times.
import OpenAI from "openai";

const client = new OpenAI();

async function ask(question: string): Promise<string> {
  const response = await client.responses.create({
    model: "gpt-4o-mini",
    input: [{ role: "user", content: question }],
    store: false,
  });
  return response.output_text ?? "";
}

for (const q of ["What is 2 + 2?", "Count from one to five."]) {
  console.log(`${q} -> ${await ask(q)}`);
}
