// residue/first_output_item.mjs as it should be: the reply's text is `output_text`.
import OpenAI from "openai";

const client = new OpenAI();

const resp = await client.responses.create({ model: "gpt-5-mini", input: "What is the capital of France?", store: false });
console.log(resp.output_text);
const again = await client.responses.create({ model: "gpt-5-mini", input: "Name a primary color.", store: false });
console.log(again.output_text ?? "(none)");
