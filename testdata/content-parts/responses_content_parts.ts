import OpenAI from "openai";

const client = new OpenAI();

const reply = await client.responses.create({
  model: "gpt-5.5",
  input: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
      ],
    },
  ],
  store: false,
});
console.log(reply.output_text);
