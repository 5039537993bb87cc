export { ask } from "./llm";
