//! A private function's client parameter takes the judgement of what its callers pass:
//! here a client of a local server, so the request is left as it is.
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn ask(client: &Client<OpenAIConfig>) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("llama3")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = OpenAIConfig::new().with_api_base("http://localhost:11434/v1");
    let client = Client::with_config(config);
    println!("{}", ask(&client).await?);
    Ok(())
}
