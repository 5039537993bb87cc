// The reply's text tested for null in a way responsify does not rewrite: the request stays as
// it is, and the finding names the line (a rewritten read would make the branch dead).
import OpenAI from 'openai';

const client = new OpenAI();

export async function reversedTest() {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const text = r.choices[0].message.content;
  if (null === text) {
    return 'none';
  }
  return text;
}

export async function chainedFallback(other: string | null) {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return r.choices[0].message.content ?? other ?? 'none';
}
