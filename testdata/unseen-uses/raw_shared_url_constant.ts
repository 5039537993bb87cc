// One URL constant serves two requests: responsify does not rewrite a shared constant.
const CHAT_URL = "https://api.openai.com/v1/chat/completions";

async function post(body: unknown) {
  return fetch(CHAT_URL, { method: "POST", body: JSON.stringify(body) });
}

export async function ask(question: string): Promise<string> {
  const res = await fetch(CHAT_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-5.5", messages: [{ role: "user", content: question }] }),
  });
  const data = await res.json();
  return data.choices[0].message.content;
}

export { post };
