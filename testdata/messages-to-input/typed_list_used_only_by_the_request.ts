// A message list declared with a chat type whose only uses are the request and the pushes
// the fix rewrites: retyped with the request.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

const openai = new OpenAI();

export async function main(question: string) {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: 'Be brief.' }];
  messages.push({ role: 'user', content: question });
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  messages.push(r.choices[0].message);
  messages.push({ role: 'user', content: 'And again?' });
  const again = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return again.choices[0].message.content;
}
