//! Path constants shared by several providers: reported, never rewritten.

pub const OPENAI_CHAT: &str = "https://api.openai.com/v1/chat/completions";
pub const CHAT_PATH: &str = "/v1/chat/completions";

pub fn endpoint(base: &str) -> String {
    format!("{base}/chat/completions")
}
