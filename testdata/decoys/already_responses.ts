import OpenAI from "openai";

const client = new OpenAI();

const response = await client.responses.create({
  model: "gpt-5.5",
  input: "Say hello",
  store: false,
});
console.log(response.output_text);
