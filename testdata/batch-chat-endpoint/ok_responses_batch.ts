import OpenAI from "openai";

const client = new OpenAI();

const batch = await client.batches.create({
  input_file_id: "file-abc",
  endpoint: "/v1/responses",
  completion_window: "24h",
});
const embeddings = await client.batches.create({
  input_file_id: "file-def",
  endpoint: "/v1/embeddings",
  completion_window: "24h",
});
console.log(batch.id, embeddings.id);
