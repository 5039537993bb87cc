// Every choice printed in a loop: without `n` there is one, the response itself.
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
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
