import fs from "node:fs";
import OpenAI from "openai";

const client = new OpenAI();
const questions = ["What is 2+2?", "Capital of France?"];

const lines = questions.map((q, i) =>
  JSON.stringify({
    custom_id: `request-${i}`,
    method: "POST",
    url: "/v1/chat/completions",
    body: {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: q }],
      max_tokens: 100,
    },
  }),
);
fs.writeFileSync("batch_input.jsonl", lines.join("\n") + "\n");

const file = await client.files.create({
  file: fs.createReadStream("batch_input.jsonl"),
  purpose: "batch",
});
const batch = await client.batches.create({
  input_file_id: file.id,
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
});

const done = await client.batches.retrieve(batch.id);
if (done.status === "completed" && done.output_file_id) {
  const content = await (await client.files.content(done.output_file_id)).text();
  for (const raw of content.split("\n").filter(Boolean)) {
    const result = JSON.parse(raw);
    console.log(result.custom_id, result.response.body.choices[0].message.content);
  }
}
