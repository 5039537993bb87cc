use super::llm::ask;
use async_openai::error::OpenAIError;

pub async fn answer(question: &str) -> Result<String, OpenAIError> {
    let response = ask(question).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

pub async fn show_usage(question: &str) {
    match super::llm::ask(question).await {
        Ok(done) => {
            if let Some(usage) = &done.usage {
                println!("{} tokens in", usage.prompt_tokens);
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
