use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

pub async fn haiku() -> Result<(), async_openai::error::OpenAIError> {
    let client = Client::new();
    let response = client
        .chat()
        .create(
            CreateChatCompletionRequestArgs::default()
                .model("gpt-5.5")
                .max_tokens(200u32)
                .messages([ChatCompletionRequestUserMessageArgs::default().content("A haiku about rust").build()?.into()])
                .build()?,
        )
        .await?;
    println!("{}", response.choices[0].message.content.as_deref().unwrap_or(""));
    Ok(())
}
