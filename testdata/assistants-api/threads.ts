import OpenAI from "openai";

const client = new OpenAI();

const thread = await client.beta.threads.create();
await client.beta.threads.messages.create(thread.id, { role: "user", content: "Hi" });
const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: "asst_123" });
console.log(run.status);
