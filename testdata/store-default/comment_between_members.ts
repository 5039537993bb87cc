// A comment between two members belongs to the member after it: a new member is written
// after the last one without repeating it.
import OpenAI from "openai";

const openai = new OpenAI();

async function main() {
  const completion = await openai.chat.completions.create({
    model: "gpt-5.5",
    // Choose a different model by uncommenting
    //model: "gpt-5.5-mini",
    messages: [{ role: "user", content: "Say hello" }],
  });
  console.log(completion.choices[0].message.content);
}

main();
