//! A client for a local model server. Its API mirrors `POST /v1/chat/completions`, and this
//! file says so only in documentation.

/// Sends a prompt, like `/v1/chat/completions` would.
#[doc = "See https://example.com/v1/chat/completions for the wire format."]
pub fn send(prompt: &str) -> String {
    prompt.to_uppercase()
}
