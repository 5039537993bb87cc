//! Extract structured data as JSON, report token usage, and keep the request inline.

use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, ResponseFormat,
};
use async_openai::Client;

async fn extract(client: &Client<OpenAIConfig>, text: &str) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let response = client
        .chat()
        .create(
            CreateChatCompletionRequestArgs::default()
                .model("gpt-5.5")
                .max_tokens(400u32)
                .response_format(ResponseFormat::JsonObject)
                .messages([ChatCompletionRequestUserMessageArgs::default()
                    .content(format!("List the people named in this text as JSON: {text}"))
                    .build()?
                    .into()])
                .build()?,
        )
        .await?;
    if let Some(usage) = &response.usage {
        eprintln!("tokens: {} in, {} out, {} total", usage.prompt_tokens, usage.completion_tokens, usage.total_tokens);
    }
    let json = response.choices[0].message.content.clone().unwrap_or_default();
    Ok(serde_json::from_str(&json)?)
}

async fn first_line(question: &str) -> Result<String, OpenAIError> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages(vec![ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let text = response.choices.first().and_then(|c| c.message.content.clone());
    println!("id {}", response.id);
    Ok(text.unwrap_or_default().lines().next().unwrap_or("").to_string())
}

/// Options set on the builder one statement at a time, some only when asked for.
async fn configured(question: &str, limit: Option<u32>, temperature: Option<f32>) -> Result<String, Box<dyn std::error::Error>> {
    let mut args = CreateChatCompletionRequestArgs::default();
    args.model("gpt-5.5").messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()]);
    if let Some(limit) = limit {
        args.max_tokens(limit);
    }
    if let Some(t) = temperature {
        args.temperature(t);
    }
    let request = args.build()?;
    let response = Client::new().chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    println!("{}", extract(&client, "Ada met Grace.").await?);
    println!("{}", first_line("Say hello.").await?);
    println!("{}", configured("Why?", Some(100), None).await?);
    Ok(())
}
