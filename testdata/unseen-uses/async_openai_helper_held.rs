use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

/// Public: callers in other modules or crates read the chat response.
pub async fn ask_public(client: &Client<OpenAIConfig>) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}

/// Used as a value: whoever calls `handler` is out of sight.
async fn ask_as_value(client: Client<OpenAIConfig>) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}

type Reply = Result<CreateChatCompletionResponse, OpenAIError>;

/// The return type is an alias: the chat type stays in it.
async fn ask_aliased(client: &Client<OpenAIConfig>) -> Reply {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    client.chat().create(request).await
}

/// A caller that reads what responsify cannot map.
async fn ask_unmapped(client: &Client<OpenAIConfig>) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Hello").build()?.into()])
        .build()?;
    client.chat().create(request).await
}

pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let handler = ask_as_value;
    let reply = handler(client.clone()).await?;
    println!("{:?}", reply.choices[0].message.content);
    let aliased = ask_aliased(&client).await?;
    println!("{:?}", aliased.choices[0].message.content);
    let unmapped = ask_unmapped(&client).await?;
    println!("{:?}", unmapped.choices[0].finish_reason);
    Ok(())
}
