import axios from "axios";

const res = await axios.post("https://api.openai.com/v1/responses", { model: "gpt-4o-mini", input: "Name a colour." });
console.log(res.data.output[0].content[0].text);
