// The crate the Cargo.toml fixture beside it describes: one chat call that migrates.
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = Client::new().chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
