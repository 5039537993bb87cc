use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestUserMessage, CreateChatCompletionRequestArgs,
};
use async_openai::Client;

async fn translate(text: String) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages(vec![
            ChatCompletionRequestMessage::System(ChatCompletionRequestSystemMessage::from("Translate to German.")),
            ChatCompletionRequestUserMessage::from(text).into(),
        ])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone())
}
