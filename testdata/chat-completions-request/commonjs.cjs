'use strict';
const OpenAI = require('openai');

const client = new OpenAI();

async function main() {
  const res = await client.chat.completions.create({
    model: 'gpt-5.5',
    messages: [{ role: 'user', content: 'Hello from CommonJS' }],
  });
  console.log(res.choices[0].message.content);
}

main();
