//! Offer the model a weather tool, then ask for a JSON answer; report failures per call.

use async_openai::types::chat::{
    ChatCompletionRequestDeveloperMessageArgs, ChatCompletionRequestMessage,
    ChatCompletionRequestUserMessage, ChatCompletionRequestUserMessageArgs, ChatCompletionTool,
    ChatCompletionTools, CreateChatCompletionRequestArgs, FunctionObjectArgs, ResponseFormat,
    ResponseFormatJsonSchema, ChatCompletionNamedToolChoice, ChatCompletionToolChoiceOption,
    FunctionName, ToolChoiceOptions,
};
use async_openai::Client;
use serde_json::json;

async fn with_tool(client: &Client<async_openai::config::OpenAIConfig>) -> Result<(), Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .max_completion_tokens(1000u32)
        .messages([
            ChatCompletionRequestDeveloperMessageArgs::default()
                .content("Use the tool when asked about weather.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content("Weather in Paris?")
                .build()?
                .into(),
        ])
        .tools(vec![ChatCompletionTools::Function(ChatCompletionTool {
            function: FunctionObjectArgs::default()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(json!({
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"]
                }))
                .build()?,
        })])
        .build()?;
    match client.chat().create(request).await {
        Ok(response) => println!("{}", response.choices[0].message.content.as_deref().unwrap_or("(a tool call)")),
        Err(err) => eprintln!("request failed: {err}"),
    }
    Ok(())
}

async fn as_json(client: &Client<async_openai::config::OpenAIConfig>) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let response = client
        .chat()
        .create(
            CreateChatCompletionRequestArgs::default()
                .model("gpt-5.5")
                .response_format(ResponseFormat::JsonObject)
                .messages([ChatCompletionRequestUserMessageArgs::default()
                    .content("Three primes as a JSON object with key `primes`.")
                    .build()?
                    .into()])
                .build()?,
        )
        .await?;
    let text = response.choices.first().and_then(|c| c.message.content.clone()).unwrap_or_default();
    Ok(serde_json::from_str(&text)?)
}

/// Messages written as enum values and `from` conversions rather than builders.
async fn without_builders(client: &Client<async_openai::config::OpenAIConfig>, question: String) -> Result<(), Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages(vec![
            ChatCompletionRequestMessage::System("Answer in French.".into()),
            ChatCompletionRequestUserMessage::from(question).into(),
        ])
        .build()?;
    if let Ok(response) = client.chat().create(request).await {
        if let Some(text) = &response.choices[0].message.content {
            println!("{text}");
        }
    }
    Ok(())
}

/// A JSON schema format built before the request and bound to a name.
async fn bound_format(client: &Client<async_openai::config::OpenAIConfig>) -> Result<(), Box<dyn std::error::Error>> {
    let format = ResponseFormat::JsonSchema {
        json_schema: ResponseFormatJsonSchema {
            name: "city".into(),
            description: Some("A city and its country.".into()),
            schema: json!({"type": "object", "properties": {"name": {"type": "string"}, "country": {"type": "string"}}, "required": ["name", "country"], "additionalProperties": false}),
            strict: Some(true),
        },
    };
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .response_format(format)
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Name a city.").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}

/// A function forced by name (its tool bound to a name), then a tool choice mode.
async fn forced_choice(client: &Client<async_openai::config::OpenAIConfig>) -> Result<(), Box<dyn std::error::Error>> {
    let tool = ChatCompletionTools::Function(ChatCompletionTool {
        function: FunctionObjectArgs::default()
            .name("lookup_city")
            .description("Find a city's country.")
            .parameters(json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}))
            .build()?,
    });
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .max_tokens(300u32)
        .tools(vec![tool])
        .tool_choice(ChatCompletionToolChoiceOption::Function(ChatCompletionNamedToolChoice {
            function: FunctionName { name: "lookup_city".into() },
        }))
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Where is Porto?").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());
    let again = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .tools(vec![ChatCompletionTools::Function(ChatCompletionTool {
            function: FunctionObjectArgs::default()
                .name("lookup_city")
                .parameters(json!({"type": "object", "properties": {"city": {"type": "string"}}}))
                .build()?,
        })])
        .tool_choice(ChatCompletionToolChoiceOption::Mode(ToolChoiceOptions::Required))
        .messages([ChatCompletionRequestUserMessageArgs::default().content("And Lyon?").build()?.into()])
        .build()?;
    let response = client.chat().create(again).await?;
    println!("{}", response.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    with_tool(&client).await?;
    println!("{}", as_json(&client).await?);
    without_builders(&client, "Bonjour?".to_string()).await?;
    bound_format(&client).await?;
    forced_choice(&client).await?;
    Ok(())
}
