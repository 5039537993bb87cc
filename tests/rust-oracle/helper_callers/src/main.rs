//! Helpers that return the chat response to their callers, who read its text: the calls,
//! the helpers' return types and the callers' reads migrate together.

use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

/// The response bound, then returned.
async fn ask(
    client: &Client<OpenAIConfig>,
    question: &str,
) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(question)
            .build()?
            .into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}

/// The call's `Result` as the function's tail, its type named by its full path.
async fn ask_tail(
    client: &Client<OpenAIConfig>,
) -> Result<async_openai::types::chat::CreateChatCompletionResponse, OpenAIError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
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
        .model("gpt-5-mini")
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
    if let Some(usage) = &reply.usage {
        println!("{} in, {} out", usage.prompt_tokens, usage.completion_tokens);
    }
    match ask_tail(&client).await {
        Ok(response) => println!(
            "{}",
            response.choices[0].message.content.clone().unwrap_or_default()
        ),
        Err(e) => eprintln!("{e}"),
    }
    let again = ask(&client, "And at sunset?").await.unwrap();
    for choice in &again.choices {
        println!("{:?}", choice.message.content);
    }
    if let Ok(short) = ask_ok(&client).await {
        println!("{:?}", short.choices[0].message.content);
    }
    Ok(())
}
