import OpenAI from "openai";
import { zodFunction } from "openai/helpers/zod";
import { z } from "zod";

const client = new OpenAI();

const GetWeather = z.object({ city: z.string() });

const completion = await client.chat.completions.parse({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Weather in Paris?" }],
  tools: [zodFunction({ name: "get_weather", parameters: GetWeather })],
});
console.log(completion.choices[0].message.content);
