use async_openai::types::chat::UpdateChatCompletionRequest;
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let stored = client.chat().list().await?;
    println!("{}", stored.data.len());
    let one = client.chat().retrieve("chatcmpl-abc").await?;
    println!("{}", one.id);
    let messages = client.chat().messages("chatcmpl-abc").await?;
    println!("{}", messages.data.len());
    client.chat().update("chatcmpl-abc", UpdateChatCompletionRequest { metadata: None }).await?;
    client.chat().delete("chatcmpl-abc").await?;
    Ok(())
}
