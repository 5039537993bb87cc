// The reply's text tested for null: Chat's `message.content` is null when the model calls a
// tool; `output_text` is always a string ('' then). The tests compare it with '' instead and
// the fallback applies to '', so the branch for "no text" still runs.
import OpenAI from 'openai';

const client = new OpenAI();

export async function named() {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const text = r.choices[0]?.message.content;
  if (text === null || text === undefined) {
    throw new Error('no text in the reply');
  }
  const shown = text != null ? text : '(none)';
  return shown;
}

export async function direct() {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const text = r.choices[0].message.content ?? 'no text';
  if (r.choices[0].message.content !== null) {
    console.log(text);
  }
}
