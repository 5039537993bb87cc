use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

pub async fn ask(question: &str) -> Result<String, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(question)
            .build()?
            .into()])
        .build()?;
    let response = client
        .chat()
        .query(&[("api-version", "2025-04-01-preview")])?
        .create(request)
        .await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}
