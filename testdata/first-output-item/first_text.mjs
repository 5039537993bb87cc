import OpenAI from "openai";

const client = new OpenAI();

const resp = await client.responses.create({ model: "gpt-4o-mini", input: "Name a colour.", store: false });
console.log(resp.output[0].content[0].text);
