// Tests of whether a chunk has choices, however spelled, become the event-type check (and its
// negation); reads they guard become the bare delta.
import OpenAI from 'openai';

const openai = new OpenAI();

export async function azureGuard() {
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) {
    if (chunk.choices.length > 0 && chunk.choices[0].delta.content) {
      text += chunk.choices[0].delta.content;
    }
  }
  return text;
}

export async function skipEmpty() {
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  for await (const chunk of stream) {
    if (chunk.choices.length === 0) {
      continue;
    }
    const has = !chunk.choices.length ? 'none' : 'some';
    console.log(has);
  }
}
