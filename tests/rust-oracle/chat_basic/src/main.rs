//! Ask a question with a system prompt, a token limit and a reasoning effort; print the answer.

use async_openai::types::chat::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs,
    CreateChatCompletionRequestArgs, ReasoningEffort,
};
use async_openai::Client;
use std::error::Error;

/// The reply message kept in a binding, borrowed and cloned.
async fn through_the_message(client: &Client<async_openai::config::OpenAIConfig>) -> Result<(), Box<dyn Error>> {
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
    Ok(())
}
