//! A private function's client parameter is traced through its callers: every call of
//! `ask` in this file passes the client `main` built, so the request goes to OpenAI.
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn ask(client: &Client<OpenAIConfig>, question: &str) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

/// Passes its own parameter on: traced through its caller in turn.
async fn twice(client: &Client<OpenAIConfig>) -> Result<(), Box<dyn std::error::Error>> {
    let first = ask(client, "Once?").await?;
    println!("{first} {}", ask(&client.clone(), "Twice?").await?);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    println!("{}", ask(&client, "Why is the sky blue?").await?);
    twice(&client).await?;
    Ok(())
}
