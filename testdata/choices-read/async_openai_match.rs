use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn answer(question: &str) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    match client.chat().create(request).await {
        Ok(response) => {
            let text = response.choices[0].message.content.clone();
            println!("{}", text.unwrap_or_default());
        }
        Err(err) => eprintln!("request failed: {err}"),
    }
    Ok(())
}
