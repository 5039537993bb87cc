import OpenAI from "openai";

const client = new OpenAI();

const stream = await client.responses.create({ model: "gpt-5.5", input: "Tell a story.", stream: true, store: false });
for await (const chunk of stream) {
  const text = chunk.choices[0]?.delta?.content;
  if (text) process.stdout.write(text);
}
