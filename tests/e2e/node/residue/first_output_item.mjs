// A reasoning model's reply read as the first output item: on gpt-5-mini the first item is
// a reasoning item, which has no content.
// e2e: --unsafe-fixes
import OpenAI from "openai";

const client = new OpenAI();

const resp = await client.responses.create({ model: "gpt-5-mini", input: "What is the capital of France?", store: false });
console.log(resp.output[0].content[0].text);
const again = await client.responses.create({ model: "gpt-5-mini", input: "Name a primary color.", store: false });
console.log(again.output?.[0]?.content?.[0]?.text ?? "(none)");
