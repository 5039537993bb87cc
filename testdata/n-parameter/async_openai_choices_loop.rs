// A loop over the choices of a request that asks for two: no Responses twin, nothing changes.
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .n(2)
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Name a river.").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    for choice in &response.choices {
        println!("{}", choice.message.content.clone().unwrap_or_default());
    }
    for choice in response.choices.iter() {
        println!("{:?}", choice.message.content);
    }
    Ok(())
}
