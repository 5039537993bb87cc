import OpenAI from "openai";

const client = new OpenAI();

// Already on Responses: a dated snapshot retires with its family.
const review = await client.responses.create({
  model: "gpt-4o-2024-08-06",
  input: "Review this pull request description.",
  store: false,
});
console.log(review.output_text);
