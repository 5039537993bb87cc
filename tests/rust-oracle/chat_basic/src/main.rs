//! Ask a question with a system prompt, a token limit and a reasoning effort; print the answer.

use async_openai::types::chat::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs,
    CreateChatCompletionRequestArgs, ReasoningEffort,
};
use async_openai::config::OpenAIConfig;
use async_openai::Client;
use std::error::Error;

/// The reply message kept in a binding, borrowed and cloned.
async fn through_the_message(client: &Client<OpenAIConfig>) -> Result<(), Box<dyn Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let message = &response.choices[0].message;
    if let Some(text) = &message.content {
        println!("{text}");
    }
    let owned = response.choices.first().unwrap().message.clone();
    println!("{}", owned.content.clone().unwrap_or_default());
    Ok(())
}

/// A client whose base URL comes from the environment with OpenAI's own URL as its fallback,
/// a token limit, a system and a user message, and one message given where a list is taken.
async fn from_the_environment() -> Result<(), Box<dyn Error>> {
    let base = std::env::var("OPENAI_BASE_URL")
        .map(|url| url.trim_end_matches('/').to_string())
        .unwrap_or_else(|_| "https://api.openai.com/v1".to_string());
    let client = Client::with_config(OpenAIConfig::new().with_api_base(base));

    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .max_tokens(200u32)
        .messages([
            ChatCompletionRequestSystemMessageArgs::default().content("Answer in a word.").build()?.into(),
            ChatCompletionRequestUserMessageArgs::default().content("Where is Porto?").build()?.into(),
        ])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());

    let single = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .messages(ChatCompletionRequestUserMessageArgs::default().content("Name a city.").build()?)
        .build()?;
    let reply = client.chat().create(single).await?;
    println!("{}", reply.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}

/// Every choice printed in a loop: without `n` there is one.
async fn every_choice(client: &Client<OpenAIConfig>) -> Result<(), Box<dyn Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Name a river.").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    for choice in &response.choices {
        println!("{}", choice.message.content.clone().unwrap_or_default());
    }
    for choice in response.choices.iter() {
        println!("{:?}", choice.message.content);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = Client::new();

    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .max_completion_tokens(512u32)
        .reasoning_effort(ReasoningEffort::Low)
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content("You answer in one sentence.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content("Why is the sky blue?")
                .build()?
                .into(),
        ])
        .build()?;

    let response = client.chat().create(request).await?;

    // The answer, if the model gave one.
    if let Some(text) = response.choices[0].message.content.clone() {
        println!("{text}");
    }
    through_the_message(&client).await?;
    from_the_environment().await?;
    every_choice(&client).await?;
    Ok(())
}
