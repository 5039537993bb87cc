import OpenAI from "openai";

const client = new OpenAI();

const followup = await client.responses.create({
  model: "gpt-5.5",
  input: [
    { role: "user", content: "Weather in Oslo?" },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_9", type: "function", function: { name: "get_weather", arguments: "{}" } }],
    },
    { type: "function_call_output", call_id: "call_9", output: "rain" },
  ],
  store: false,
});
console.log(followup.output_text);
