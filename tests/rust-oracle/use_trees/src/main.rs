//! Chat types imported through nested `use` trees, in a group shared with names the
//! migration keeps: the names it stops using leave their trees, the others stay. The
//! response's type is written out, and moves with the call.

use async_openai::{
    config::OpenAIConfig,
    types::chat::{
        ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
        CreateChatCompletionResponse, FinishReason,
    },
    Client,
};
use std::error::Error;

/// Whether a chat finish reason says the model stopped on its own.
fn stopped(reason: &FinishReason) -> bool {
    matches!(reason, FinishReason::Stop)
}

async fn ask(client: &Client<OpenAIConfig>) -> Result<(), Box<dyn Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Name a colour.").build()?.into()])
        .build()?;
    let response: CreateChatCompletionResponse = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = Client::new();
    ask(&client).await?;
    println!("{}", stopped(&FinishReason::Stop));
    Ok(())
}
