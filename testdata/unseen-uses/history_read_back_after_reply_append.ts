// The reply is pushed onto a history that other code reads back as chat messages: once the
// fix pushes the output items instead, `messages[i].content` no longer type-checks (and a
// reasoning item has no `role`). Each request stays as it is; the finding names the reader.
import OpenAI from 'openai';

const openai = new OpenAI();

export async function transcript() {
  const messages: any[] = [{ role: 'user', content: 'hi' }];
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  messages.push(r.choices[0].message);
  for (const m of messages) {
    console.log(m.role, m.content);
  }
}

export async function typed() {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'hi' }];
  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  messages.push(r.choices[0].message);
  console.log(messages[messages.length - 1].content);
}
