// One path table for many OpenAI-compatible providers: the chat path must never be rewritten.
const PROVIDERS: Record<string, { base: string; chatPath: string }> = {
  deepseek: { base: "https://api.deepseek.com", chatPath: "/v1/chat/completions" },
  groq: { base: "https://api.groq.com/openai", chatPath: "/v1/chat/completions" },
  openai: { base: "https://api.openai.com", chatPath: "/v1/chat/completions" },
};

export async function complete(provider: string, body: unknown, key: string) {
  const { base, chatPath } = PROVIDERS[provider];
  const res = await fetch(base + chatPath, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return res.json();
}
