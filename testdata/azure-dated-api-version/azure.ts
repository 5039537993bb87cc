import { AzureOpenAI } from "openai";

const client = new AzureOpenAI({
  endpoint: "https://contoso.openai.azure.com",
  apiVersion: "2024-10-21",
  deployment: "gpt-4o",
});

const res = await client.chat.completions.create({
  model: "gpt-4o",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(res.choices[0].message.content);
