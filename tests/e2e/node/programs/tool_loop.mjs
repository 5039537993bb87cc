// Weather assistant: the model calls a local function, the results go back, the answer is printed.
import OpenAI from "openai";

const client = new OpenAI();
const MODEL = "gpt-4o-mini";

const FAKE_WEATHER = {
  Paris: { temperature: 18, conditions: "cloudy" },
  Tokyo: { temperature: 24, conditions: "sunny" },
};

function getWeather(city, unit = "celsius") {
  const data = FAKE_WEATHER[city] ?? { temperature: 20, conditions: "clear" };
  return JSON.stringify({ city, unit, ...data });
}

const tools = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Get the current weather for a city.",
      parameters: {
        type: "object",
        properties: {
          city: { type: "string", description: "City name, e.g. Paris" },
          unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        },
        required: ["city"],
      },
    },
  },
];

const messages = [{ role: "user", content: "What's the weather in Paris and Tokyo right now?" }];

let response = await client.chat.completions.create({ model: MODEL, messages, tools });
const message = response.choices[0].message;

if (message.tool_calls) {
  messages.push(message);
  for (const call of message.tool_calls) {
    const args = JSON.parse(call.function.arguments);
    console.log(`calling ${call.function.name}(${args.city}) id=${call.id}`);
    messages.push({ role: "tool", tool_call_id: call.id, content: getWeather(args.city, args.unit) });
  }
  response = await client.chat.completions.create({ model: MODEL, messages, tools });
}

console.log(response.choices[0].message.content);
