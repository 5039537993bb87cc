use async_openai::config::AzureConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn azure() -> Result<(), Box<dyn std::error::Error>> {
    let config = AzureConfig::new()
        .with_api_base("https://contoso.openai.azure.com")
        .with_api_version("2024-02-01")
        .with_deployment_id("gpt-4o");
    let client = Client::with_config(config);
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
