//! Stream a story and print each piece of text as it arrives, two ways.

use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
};
use async_openai::Client;
use futures::StreamExt;
use std::io::Write;

async fn story(client: &Client<async_openai::config::OpenAIConfig>) -> Result<(), Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .max_completion_tokens(512u32)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Tell a very short story.")
            .build()?
            .into()])
        .build()?;
    let mut stream = client.chat().create_stream(request).await?;
    let mut out = std::io::stdout().lock();
    while let Some(result) = stream.next().await {
        match result {
            Ok(response) => {
                response.choices.iter().for_each(|chat_choice| {
                    if let Some(ref content) = chat_choice.delta.content {
                        write!(out, "{content}").unwrap();
                    }
                });
            }
            Err(err) => writeln!(out, "error: {err}")?,
        }
        out.flush()?;
    }
    Ok(())
}

async fn poem(client: &Client<async_openai::config::OpenAIConfig>) -> Result<String, Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("A two-line poem.").build()?.into()])
        .build()?;
    let mut stream = client.chat().create_stream(request).await?;
    let mut poem = String::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        for choice in &chunk.choices {
            if let Some(text) = &choice.delta.content {
                poem.push_str(text);
            }
        }
    }
    Ok(poem)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    story(&client).await?;
    println!("{}", poem(&client).await?);
    Ok(())
}
