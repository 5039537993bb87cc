// Weather assistant on the Responses API, written by hand.
import OpenAI from "openai";

const client = new OpenAI();
const MODEL = "gpt-4o-mini";
const FAKE_WEATHER = { Paris: { temperature: 18, conditions: "cloudy" }, Tokyo: { temperature: 24, conditions: "sunny" } };

function getWeather({ city, unit = "celsius" }) {
  const data = FAKE_WEATHER[city] ?? { temperature: 20, conditions: "clear" };
  return JSON.stringify({ city, unit, ...data });
}

const tools = [
  {
    type: "function",
    name: "get_weather",
    description: "Get the current weather for a city.",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city"],
    },
    strict: false,
  },
];

const history = [{ role: "user", content: "What's the weather in Paris and Tokyo right now?" }];
let response = await client.responses.create({ model: MODEL, input: history, tools, store: false });
const calls = response.output.filter((item) => item.type === "function_call");
if (calls.length > 0) {
  history.push(...response.output);
  for (const call of calls) {
    const args = JSON.parse(call.arguments);
    console.log(`calling ${call.name}(${JSON.stringify(args)})`);
    history.push({ type: "function_call_output", call_id: call.call_id, output: getWeather(args) });
  }
  response = await client.responses.create({ model: MODEL, input: history, tools, store: false });
}
console.log(response.output_text);
console.log("tokens:", response.usage.input_tokens, response.usage.output_tokens);
