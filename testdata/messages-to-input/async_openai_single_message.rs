use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

// One message where chat takes `Into<Vec<_>>`: the Responses input takes an array of one.
pub async fn name_a_city() -> Result<(), async_openai::error::OpenAIError> {
    let base = std::env::var("OPENAI_BASE_URL").unwrap_or_else(|_| "https://api.openai.com/v1".to_string());
    let client = Client::with_config(OpenAIConfig::new().with_api_base(base));
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .messages(ChatCompletionRequestUserMessageArgs::default().content("Name a city.").build()?)
        .build()?;
    let reply = client.chat().create(request).await?;
    println!("{}", reply.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}
