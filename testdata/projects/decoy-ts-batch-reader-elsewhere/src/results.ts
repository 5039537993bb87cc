import fs from "node:fs";

for (const line of fs.readFileSync("data/output.jsonl", "utf8").split("\n")) {
  if (!line) continue;
  const result = JSON.parse(line);
  console.log(result.custom_id, result.response.body.choices[0].message.content);
}
