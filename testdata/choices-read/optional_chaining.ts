import { OpenAI } from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function summarize(text: string): Promise<string> {
  const res = await openai.chat.completions.create({
    model: 'gpt-5.5',
    messages: [
      { role: 'system', content: 'Summarize in one line.' },
      { role: 'user', content: text },
    ],
    temperature: 0.2,
  });
  return res.choices[0]?.message?.content ?? '';
}
