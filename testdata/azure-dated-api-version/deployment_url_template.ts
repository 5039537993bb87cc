// Azure's deployment-routed URL, built from the environment: a dated api-version.
const endpoint = process.env.AZURE_OPENAI_ENDPOINT;
const deployment = "gpt-4o";

export async function ask(question: string) {
  const res = await fetch(
    `${endpoint}/openai/deployments/${deployment}/chat/completions?api-version=2024-10-21`,
    {
      method: "POST",
      headers: { "api-key": process.env.AZURE_OPENAI_API_KEY ?? "" },
      body: JSON.stringify({ messages: [{ role: "user", content: question }] }),
    },
  );
  return (await res.json()).choices[0].message.content;
}
