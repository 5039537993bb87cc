// A test double with the same method path as the SDK: not the openai client.
class FakeLLM {
  chat = {
    completions: {
      create: async (body: { messages: { role: string; content: string }[] }) => ({
        choices: [{ message: { content: body.messages[0].content.toUpperCase() } }],
      }),
    },
  };
}

const llm = new FakeLLM();
const res = await llm.chat.completions.create({ messages: [{ role: "user", content: "echo" }] });
console.log(res.choices[0].message.content);
