// Azure's v1 endpoint built from an environment variable: the path says it serves the
// Responses API; the host is the deployment's, so the fix is unsafe.
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: `${process.env.AZURE_OPENAI_ENDPOINT}/openai/v1/`,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
});

const reply = await client.chat.completions.create({
  model: "my-gpt-5-deployment",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(reply.choices[0].message.content);
