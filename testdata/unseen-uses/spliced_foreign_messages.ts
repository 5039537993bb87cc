// A message list started as a literal, then grown with messages the unit cannot see: each
// spliced item may be Chat-shaped (assistant `tool_calls`, `role: 'tool'`), which the
// Responses API rejects. Every request stays as it is; the finding names the splice's line.
import OpenAI from 'openai';

const openai = new OpenAI();

export async function pushedSpread(question: string, history: any[]) {
  const messages: any[] = [{ role: 'system', content: 'Be brief.' }];
  messages.push(...history);
  messages.push({ role: 'user', content: question });
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return r.choices[0].message.content;
}

export async function spreadInLiteral(question: string, history: any[]) {
  const messages: any[] = [{ role: 'system', content: 'Be brief.' }, ...history];
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return r.choices[0].message.content;
}

export async function looped(question: string, history: any[]) {
  const messages: any[] = [{ role: 'system', content: 'Be brief.' }];
  for (const m of history) {
    messages.push(m);
  }
  history.forEach((m) => messages.unshift(m));
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return r.choices[0].message.content;
}
