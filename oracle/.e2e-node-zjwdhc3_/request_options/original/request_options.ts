// Request options as the second argument, and the raw HTTP response next to the data.
import OpenAI from "openai";

const client = new OpenAI();

const { data, response } = await client.chat.completions
  .create(
    {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Suggest a name for a pet turtle." }],
    },
    { timeout: 10_000, maxRetries: 1, headers: { "X-Request-Source": "e2e" } },
  )
  .withResponse();
console.log(response.status);
console.log(data.choices[0].message.content);
