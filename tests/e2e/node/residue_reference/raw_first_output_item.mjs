// residue/raw_first_output_item.mjs as it should be: the reply's text is the text parts of
// its message items (raw JSON has no `output_text`).
const BASE = process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1";

const res = await fetch(`${BASE}/responses`, {
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
  body: JSON.stringify({ model: "gpt-5-mini", input: "What is the capital of France?", store: false }),
});
const data = await res.json();
const text = data.output
  .filter((item) => item.type === "message")
  .flatMap((item) => item.content)
  .filter((part) => part.type === "output_text")
  .map((part) => part.text)
  .join("");
console.log(text);
