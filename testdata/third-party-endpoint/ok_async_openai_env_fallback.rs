//! The base URL comes from the environment with OpenAI's URL as the fallback: an OpenAI
//! client, migrated as an unsafe fix (a deployment may point the variable elsewhere).
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("OPENAI_BASE_URL").unwrap_or_else(|_| "https://api.openai.com/v1".to_string());
    let client = Client::with_config(OpenAIConfig::new().with_api_base(base));
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());

    let mapped = std::env::var("OPENAI_BASE_URL")
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or("https://api.openai.com/v1".into());
    let other = Client::with_config(OpenAIConfig::new().with_api_base(mapped));
    let second = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Again").build()?.into()])
        .build()?;
    let again = other.chat().create(second).await?;
    println!("{}", again.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}
