import { ask } from "./lib/llm";
import * as llm from "./lib/llm.js";

async function main() {
  const r = await ask("Capital of France?");
  console.log(r.choices[0].message.content);
  const s = await llm.ask("Capital of Spain?");
  console.log(s.usage?.total_tokens, s.choices[0].message.content);
}

main();
