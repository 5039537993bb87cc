// Messages spliced into the list that the unit sees: object literals, a name declared with
// one, and the reply itself (which `reply-append` rewrites). Fixed as usual.
import OpenAI from 'openai';

const openai = new OpenAI();

export async function chat(question: string) {
  const system = { role: 'system' as const, content: 'Be brief.' };
  const messages: any[] = [system];
  messages.unshift({ role: 'developer', content: 'Answer in English.' });
  messages.push({ role: 'user', content: question });
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  messages.push(r.choices[0].message);
  const followup = { role: 'user', content: 'And again?' };
  messages.push(followup);
  const again = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return again.choices[0].message.content;
}
