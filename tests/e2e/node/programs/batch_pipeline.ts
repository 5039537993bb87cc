// A Batch pipeline in one file: write the input lines, upload them, run the batch, and read
// the replies from its output file.
import fs from "node:fs";
import OpenAI from "openai";

const client = new OpenAI();
const questions = [
  "What is the capital of France?",
  "Translate 'bread' to French.",
  "Write a haiku about autumn.",
];

const lines = questions.map((question, i) =>
  JSON.stringify({
    custom_id: `question-${i}`,
    method: "POST",
    url: "/v1/chat/completions",
    body: {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: question },
      ],
      max_tokens: 200,
    },
  }),
);
fs.writeFileSync("batch_input.jsonl", lines.join("\n") + "\n");

const file = await client.files.create({
  file: fs.createReadStream("batch_input.jsonl"),
  purpose: "batch",
});
let batch = await client.batches.create({
  input_file_id: file.id,
  endpoint: "/v1/chat/completions",
  completion_window: "24h",
});
console.log("batch created:", batch.status);
while (["validating", "in_progress", "finalizing"].includes(batch.status)) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  batch = await client.batches.retrieve(batch.id);
}
if (batch.status !== "completed" || !batch.output_file_id) {
  throw new Error(`batch ${batch.status}: ${JSON.stringify(batch.errors)}`);
}
console.log("requests:", batch.request_counts?.completed, "of", batch.request_counts?.total);
const content = await (await client.files.content(batch.output_file_id)).text();
const replies: string[] = [];
for (const raw of content.split("\n").filter(Boolean)) {
  const result = JSON.parse(raw);
  replies.push(`${result.custom_id} -> ${result.response.body.choices[0].message.content}`);
}
for (const reply of replies.sort()) {
  console.log(reply);
}
