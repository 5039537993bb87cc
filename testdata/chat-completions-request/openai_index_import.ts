// The client imported from an entry point of the package, not its root.
import OpenAI from "openai/index";
import { AzureOpenAI } from "openai/index.mjs";

const client = new OpenAI();
const azure = new AzureOpenAI({ apiVersion: "2024-10-21" });

const reply = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(reply.choices[0].message.content);

const dated = await azure.chat.completions.create({
  model: "gpt-4o",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(dated.choices[0].message.content);
