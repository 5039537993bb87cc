use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

pub async fn triage() -> Result<(), async_openai::error::OpenAIError> {
    let client = Client::new();
    let response = client
        .chat()
        .create(
            CreateChatCompletionRequestArgs::default()
                .model("o4-mini")
                .messages([ChatCompletionRequestUserMessageArgs::default().content("Triage this bug report").build()?.into()])
                .build()?,
        )
        .await?;
    println!("{}", response.choices[0].message.content.as_deref().unwrap_or(""));
    Ok(())
}
