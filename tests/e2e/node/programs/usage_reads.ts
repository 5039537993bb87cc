// Report token usage after a reply: read straight off the completion and through a variable.
import OpenAI from "openai";

const client = new OpenAI();

const completion = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Name a river in Spain." }],
});
console.log(completion.choices[0].message.content);
if (completion.usage) {
  console.log(`prompt=${completion.usage.prompt_tokens} completion=${completion.usage.completion_tokens}`);
  console.log(`total=${completion.usage.total_tokens}`);
}
const usage = completion.usage;
const spent = (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
console.log(`spent=${spent} of ${usage?.total_tokens ?? 0}`);
