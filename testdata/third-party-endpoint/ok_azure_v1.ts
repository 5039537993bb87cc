import OpenAI from "openai";

// The Azure v1 surface serves the Responses API.
const client = new OpenAI({
  baseURL: "https://contoso.openai.azure.com/openai/v1/",
  apiKey: process.env.AZURE_OPENAI_API_KEY,
});

const res = await client.chat.completions.create({
  model: "my-deployment",
  messages: [{ role: "user", content: "Hi" }],
});
console.log(res.choices[0].message.content);
