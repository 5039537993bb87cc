// An OpenAI-compatible server: it serves the Chat Completions path, it does not call it.
use axum::{routing::post, Router};

async fn chat() -> &'static str {
    "{}"
}

pub fn app() -> Router {
    Router::new().route("/v1/chat/completions", post(chat))
}

pub fn kind(path: &str) -> &'static str {
    match path {
        "/v1/chat/completions" => "chat",
        _ => "other",
    }
}
