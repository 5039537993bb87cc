//! `ask` is public: callers in other crates or modules may pass any client.
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

pub async fn ask(client: &Client<OpenAIConfig>, question: &str) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

/// Private, but its only caller passes on a parameter of a public function.
async fn summary(client: &Client<OpenAIConfig>) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Summarise.").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

pub async fn serve(client: &Client<OpenAIConfig>) -> Result<String, Box<dyn std::error::Error>> {
    summary(client).await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    println!("{}", ask(&client, "Why is the sky blue?").await?);
    println!("{}", serve(&client).await?);
    Ok(())
}
