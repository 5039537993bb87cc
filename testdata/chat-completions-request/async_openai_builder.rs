//! A chat request built with async-openai's builders, sent, and its text read.

use async_openai::types::chat::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs,
    CreateChatCompletionRequestArgs,
};
use async_openai::Client;

async fn summarize(article: &str) -> Result<String, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        // A small model is enough for summaries.
        .model("gpt-5-mini")
        .temperature(0.2)
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content("Summarize in two sentences.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(article)
                .build()?
                .into(),
        ])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}
