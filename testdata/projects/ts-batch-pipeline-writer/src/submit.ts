import fs from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { writeLines } from "./lines";
import { replies } from "./replies";

const client = new OpenAI();

writeLines(["What is 2+2?", "Capital of France?"]);
const file = await client.files.create({
  file: fs.createReadStream(path.join(__dirname, "input.jsonl")),
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
  for (const [id, text] of replies(await content.text())) {
    console.log(id, text);
  }
}
