// A Batch job created by hand on another provider's Batch API: the endpoint path it names is
// that provider's.
export async function startBatch(fileId: string): Promise<string> {
  const res = await fetch("https://api.groq.com/openai/v1/batches", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.GROQ_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ input_file_id: fileId, endpoint: "/v1/chat/completions", completion_window: "24h" }),
  });
  const job = (await res.json()) as { id: string };
  return job.id;
}
