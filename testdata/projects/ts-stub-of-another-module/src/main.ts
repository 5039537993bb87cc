import { ask } from "./lib/llm";

async function main() {
  const r = await ask("Capital of France?");
  console.log(r.choices[0].message.content);
}

main();
