import axios from "axios";

const body = {
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hello" }],
};

const { data } = await axios.post("https://api.openai.com/v1/chat/completions", body, {
  headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
});
console.log(data.choices[0].message.content, data.usage.prompt_tokens);
