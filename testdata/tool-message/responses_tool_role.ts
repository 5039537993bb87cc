import OpenAI from "openai";

const client = new OpenAI();

const followup = await client.responses.create({
  model: "gpt-5.5",
  input: [
    { role: "user", content: "Weather in Oslo?" },
    { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
    { role: "tool", tool_call_id: "call_1", content: "4 degrees, rain" },
  ],
  store: false,
});
console.log(followup.output_text);
