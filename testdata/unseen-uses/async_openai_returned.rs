use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

/// The whole response leaves the function: its callers read it as a chat response.
async fn ask(question: &str) -> Result<CreateChatCompletionResponse, async_openai::error::OpenAIError> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}
