// LangChain.js wraps its own client: nothing here is ours to change.
import { ChatOpenAI } from "@langchain/openai";

const model = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 });
const reply = await model.invoke("What are chat completions?");
console.log(reply.content);
