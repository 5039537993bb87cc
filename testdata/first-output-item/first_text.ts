import OpenAI from "openai";
import type { ResponseOutputMessage, ResponseOutputText } from "openai/resources/responses/responses";

const client = new OpenAI();

const resp = await client.responses.create({ model: "gpt-5-mini", input: "Name a colour.", store: false });
console.log(((resp.output[0] as ResponseOutputMessage).content[0] as ResponseOutputText).text);
console.log((resp.output[0] as any).content[0].text);
console.log((resp.output?.[0] as any)?.content?.[0]?.text);
