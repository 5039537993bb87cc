// A custom `fetch` sits between the client and the network: OpenAI's API as far as
// responsify can see, but never a safe fix.
import OpenAI from "openai";

const client = new OpenAI({
  fetch: async (url, init) => {
    console.log("->", url);
    return fetch(url, init);
  },
});

const reply = await client.chat.completions.create({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hello" }],
});
console.log(reply.choices[0].message.content);
