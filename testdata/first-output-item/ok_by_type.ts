import OpenAI from "openai";

const client = new OpenAI();

const resp = await client.responses.create({ model: "o4-mini", input: "Name a colour.", store: false });
const messages = resp.output.filter((item) => item.type === "message");
console.log(messages[0].content[0], resp.output_text, resp.output.length);
