export function printReplies(content: string): void {
  for (const line of content.split("\n")) {
    if (!line) continue;
    const result = JSON.parse(line);
    console.log(result.custom_id, result.response.body.choices[0].message.content);
  }
}
