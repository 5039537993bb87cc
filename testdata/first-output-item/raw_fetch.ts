export {};

const res = await fetch("https://api.openai.com/v1/responses", {
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
  body: JSON.stringify({ model: "gpt-5-mini", input: "Name a colour.", store: false }),
});
const data = await res.json();
console.log(data.output[0].content[0].text);
console.log(data.output[0].type);
