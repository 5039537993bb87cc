use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

/// The helper hands the whole response to its callers: they read it, and migrate with it.
async fn ask(
    client: &Client<OpenAIConfig>,
    question: &str,
) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(question)
            .build()?
            .into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}

/// The call itself is the tail: its `Result` goes to the caller.
async fn ask_tail(
    client: &Client<OpenAIConfig>,
) -> Result<async_openai::types::chat::CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Hello")
            .build()?
            .into()])
        .build()?;
    client.chat().create(request).await
}

/// The awaited response wrapped in `Ok` as the tail.
async fn ask_ok(client: &Client<OpenAIConfig>) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Hi")
            .build()?
            .into()])
        .build()?;
    Ok(client.chat().create(request).await?)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let reply = ask(&client, "Why is the sky blue?").await?;
    println!("{:?}", reply.choices[0].message.content);
    match ask_tail(&client).await {
        Ok(response) => println!("{}", response.choices[0].message.content.clone().unwrap_or_default()),
        Err(e) => eprintln!("{e}"),
    }
    if let Ok(short) = ask_ok(&client).await {
        println!("{:?}", short.choices[0].message.content);
    }
    Ok(())
}
