import OpenAI from "openai";

const client = new OpenAI();

const tools = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

const messages = [{ role: "user", content: "Weather in Paris?" }];

const first = await client.chat.completions.create({ model: "gpt-5.5", messages, tools });
const message = first.choices[0].message;
if (message.tool_calls) {
  messages.push(message);
  for (const call of message.tool_calls) {
    const args = JSON.parse(call.function.arguments);
    console.log(`calling ${call.function.name} for ${args.city}`);
    messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify({ temperature: 18 }) });
  }
}
