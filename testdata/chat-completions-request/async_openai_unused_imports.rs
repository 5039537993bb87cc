//! The chat types the migration stops using leave the imports; the others stay.

use async_openai::{
    types::chat::{
        ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, FinishReason,
    },
    Client,
};
use async_openai::types::chat::CreateChatCompletionResponse as Reply;
pub use async_openai::types::chat::ChatCompletionRequestMessage;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hi").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}

fn stopped(reason: FinishReason) -> bool {
    matches!(reason, FinishReason::Stop)
}
