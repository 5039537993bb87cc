use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

/// `create_byot` deserializes the reply into the type written here: a Chat Completions
/// response, which a Responses reply does not fill.
async fn typed_result() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Hello")
            .build()?
            .into()])
        .build()?;
    let res: Result<CreateChatCompletionResponse, OpenAIError> =
        client.chat().create_byot(&request).await;
    println!("{:?}", res?.choices[0].message.content);
    Ok(())
}

async fn turbofish() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Hello")
            .build()?
            .into()])
        .build()?;
    let response = client
        .chat()
        .create_byot::<_, CreateChatCompletionResponse>(request)
        .await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
