// Constants naming the chat endpoint, kept for later calls responsify cannot tie them to.
const CHAT_PATH = "/v1/chat/completions";
const RELATIVE = "v1/chat/completions";
export const OPENAI_CHAT_URL = "https://api.openai.com/v1/chat/completions";

export function endpoint(base: string): string {
  return `${base}/chat/completions`;
}

export { CHAT_PATH, RELATIVE };
