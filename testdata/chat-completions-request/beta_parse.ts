import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";

const client = new OpenAI();
const Answer = z.object({ answer: z.string() });

const result = await client.beta.chat.completions.parse({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "2+2?" }],
  response_format: zodResponseFormat(Answer, "answer"),
});
console.log(result.choices[0].message.parsed?.answer);
