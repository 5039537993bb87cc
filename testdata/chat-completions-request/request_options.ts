import OpenAI from "openai";

const client = new OpenAI();
const controller = new AbortController();

const { data, response } = await client.chat.completions
  .create(
    { model: "gpt-5.5", messages: [{ role: "user", content: "Hi" }] },
    { signal: controller.signal, timeout: 5_000 },
  )
  .withResponse();
console.log(response.headers.get("x-request-id"), data.choices[0].message.content);

const raw = await client.chat.completions.create({ model: "gpt-5.5", messages: [{ role: "user", content: "Hi" }] }).withResponse();
console.log(raw.data.choices[0].message.content);
