import OpenAI from "openai";

const client = new OpenAI();

const http = await client.chat.completions
  .create({ model: "gpt-5.5", messages: [{ role: "user", content: "Hi" }] })
  .asResponse();
console.log(await http.json());
