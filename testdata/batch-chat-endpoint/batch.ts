import fs from "node:fs";
import OpenAI from "openai";

const client = new OpenAI();
const CHAT_ENDPOINT = "/v1/chat/completions";

const file = await client.files.create({
  file: fs.createReadStream("requests.jsonl"),
  purpose: "batch",
});
const batch = await client.batches.create({
  input_file_id: file.id,
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
});
const nightly = await client.batches.create({
  input_file_id: file.id,
  endpoint: CHAT_ENDPOINT,
  completion_window: "24h",
});
console.log(batch.id, nightly.id);
