// A raw HTTP call to the Responses API whose reply is read as its first output item: on
// gpt-5-mini the first item is a reasoning item, which has no content.
// e2e: --unsafe-fixes
const BASE = process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1";

const res = await fetch(`${BASE}/responses`, {
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
  body: JSON.stringify({ model: "gpt-5-mini", input: "What is the capital of France?", store: false }),
});
const data = await res.json();
console.log(data.output[0].content[0].text);
