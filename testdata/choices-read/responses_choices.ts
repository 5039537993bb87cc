import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({ model: "gpt-5.5", input: "Hello!", store: false });
console.log(reply.choices[0].message.content);
console.log(reply.choices[0]?.message?.content?.trim());
