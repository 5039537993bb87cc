//! Callers through `super::`: by name, and through the module.

use super::llm;
use super::llm::ask;
use async_openai::error::OpenAIError;

pub async fn answer(question: &str) -> Result<String, OpenAIError> {
    let response = ask(question).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

pub async fn show_usage(question: &str) {
    match llm::ask(question).await {
        Ok(done) => {
            if let Some(usage) = &done.usage {
                println!("{} in, {} out", usage.prompt_tokens, usage.completion_tokens);
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
