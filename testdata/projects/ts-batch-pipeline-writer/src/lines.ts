import fs from "node:fs";
import path from "node:path";

export function writeLines(questions: string[]): void {
  const lines = questions.map((question, i) =>
    JSON.stringify({
      custom_id: `q${i}`,
      method: "POST",
      url: "/v1/chat/completions",
      body: {
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: question }],
        max_tokens: 100,
      },
    }),
  );
  fs.writeFileSync(path.join(__dirname, "input.jsonl"), lines.join("\n") + "\n");
}
