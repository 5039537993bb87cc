import { tools } from "./tools";

// Reads the Chat Completions shape of the list: flattening it would break this.
export const toolNames = tools.map((t) => (t.type === "function" ? t.function.name : ""));
