// The create method kept under names of its own, then called: found and reported, but the
// alias and its calls must change together, so the fix is only displayed.
import OpenAI from "openai";

const client = new OpenAI();
const completion = client.chat.completions.create;
const create = client.chat.completions.create.bind(client);

const first = await create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(first.choices[0].message.content);

const second = await completion({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Again" }],
});
console.log(second.choices[0].message.content);
