export function replies(content: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of content.split("\n").filter(Boolean)) {
    const result = JSON.parse(line);
    out.push([result.custom_id, result.response.body.choices[0].message.content]);
  }
  return out;
}
