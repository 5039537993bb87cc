use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn count(prompt: &str) -> Result<u32, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(prompt).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let mut spent = 0;
    if let Some(usage) = &response.usage {
        println!("in: {}, out: {}", usage.prompt_tokens, usage.completion_tokens);
        spent = usage.total_tokens;
    }
    Ok(spent)
}
