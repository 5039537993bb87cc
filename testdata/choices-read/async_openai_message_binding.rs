use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn reply() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let message = &response.choices[0].message;
    if let Some(text) = &message.content {
        println!("{text}");
    }
    let owned = response.choices.first().unwrap().message.clone();
    println!("{}", owned.content.clone().unwrap_or_default());
    Ok(())
}
