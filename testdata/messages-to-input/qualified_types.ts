import OpenAI from "openai";

const client = new OpenAI();

const history: Array<OpenAI.ChatCompletionMessageParam> = [{ role: "user", content: "Hi" }];
const params: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
  model: "gpt-5.5",
  messages: history,
};

const reply = await client.chat.completions.create(params);
console.log(reply.choices[0].message.content);
