use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, ChatCompletionRequestUserMessageContent,
    CreateChatCompletionRequestArgs, ServiceTier,
};
use async_openai::Client;

async fn flex(parts: ChatCompletionRequestUserMessageContent) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .service_tier(ServiceTier::Flex)
        .messages([
            ChatCompletionRequestUserMessageArgs::default().content("Describe the image.").build()?.into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(ChatCompletionRequestUserMessageContent::from(parts))
                .build()?
                .into(),
        ])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
