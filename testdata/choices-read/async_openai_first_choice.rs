use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn reply(client: &Client<async_openai::config::OpenAIConfig>, question: &str) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    tracing::debug!("reply id {}", response.id);
    let text = response.choices.first().and_then(|c| c.message.content.clone());
    Ok(text.unwrap_or_default())
}
