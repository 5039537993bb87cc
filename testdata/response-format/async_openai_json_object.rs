use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, ResponseFormat,
};
use async_openai::Client;

async fn extract(text: &str) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .response_format(ResponseFormat::JsonObject)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(format!("Return the names in {text} as JSON."))
            .build()?
            .into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let json = response.choices[0].message.content.clone().unwrap_or_default();
    Ok(serde_json::from_str(&json)?)
}
