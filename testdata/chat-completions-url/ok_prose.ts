// The docs mention /v1/chat/completions; so may a message.
export const NOTE = "This proxy mirrors POST /v1/chat/completions for old clients.";
export const RESPONSES_PATH = "/v1/responses";
