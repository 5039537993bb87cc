// A chunk's `choices` used as a collection (iterated, kept in a name, its `length` compared
// with something else than zero): a Responses event has no `choices`, and the boolean
// event-type check cannot stand in for an array. Each request stays as it is; the finding
// names the line.
import OpenAI from 'openai';

const openai = new OpenAI();

export async function iterated() {
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      process.stdout.write(choice.delta.content ?? '');
    }
  }
}

export async function counted() {
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  for await (const chunk of stream) {
    if (chunk.choices.length > 1) {
      console.log('several choices');
    }
    const choices = chunk.choices;
    console.log(choices);
  }
}
