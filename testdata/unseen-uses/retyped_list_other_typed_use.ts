// A message list declared with a chat type, which the fix would retype for the request, is
// also handed to code typed for chat messages: tsc would reject the retyped list there
// (TS2345). The request stays as it is; the finding names the other use.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

const openai = new OpenAI();

function countChars(msgs: ChatCompletionMessageParam[]): number {
  return msgs.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0);
}

export async function main() {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'hi' }];
  console.log('chars', countChars(messages));
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const kept: ChatCompletionMessageParam[] = messages;
  console.log(r.choices[0].message.content, kept.length);
}
