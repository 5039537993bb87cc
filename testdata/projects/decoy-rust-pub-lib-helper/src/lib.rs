//! A library: `llm::ask` is its public API, and its callers are in other crates.

pub mod llm;

/// The library's own use of the helper: its text.
pub async fn first_answer(question: &str) -> Option<String> {
    let reply = llm::ask(question).await.ok()?;
    reply.choices[0].message.content.clone()
}
