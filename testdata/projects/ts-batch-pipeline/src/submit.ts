import fs from "node:fs";
import OpenAI from "openai";
import { printReplies } from "./results";

const client = new OpenAI();

const file = await client.files.create({
  file: fs.createReadStream("data/requests.jsonl"),
  purpose: "batch",
});
const batch = await client.batches.create({
  input_file_id: file.id,
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
});
const done = await client.batches.retrieve(batch.id);
if (done.output_file_id) {
  const content = await client.files.content(done.output_file_id);
  printReplies(await content.text());
}
