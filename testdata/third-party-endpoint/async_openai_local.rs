use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn local() -> Result<(), Box<dyn std::error::Error>> {
    // An Ollama server speaks Chat Completions; it may not serve /v1/responses.
    let config = OpenAIConfig::new().with_api_base("http://localhost:11434/v1");
    let client = Client::with_config(config);
    let request = CreateChatCompletionRequestArgs::default()
        .model("llama3.2")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
