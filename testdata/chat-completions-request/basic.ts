import OpenAI from "openai";

const client = new OpenAI();

async function main() {
  const completion = await client.chat.completions.create({
    model: "gpt-5.5",
    messages: [{ role: "user", content: "Say hello" }],
  });
  console.log(completion.choices[0].message.content);
}

main();
