// A forced function choice and a mode with their tools: both become Responses tool choices.
use async_openai::types::chat::{
    ChatCompletionNamedToolChoice, ChatCompletionRequestUserMessageArgs, ChatCompletionTool,
    ChatCompletionToolChoiceOption, ChatCompletionTools, CreateChatCompletionRequestArgs,
    FunctionName, FunctionObjectArgs, ToolChoiceOptions,
};
use async_openai::Client;
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.4-mini")
        .max_tokens(300u32)
        .tools(vec![ChatCompletionTools::Function(ChatCompletionTool {
            function: FunctionObjectArgs::default()
                .name("lookup_city")
                .description("Find a city's country.")
                .parameters(json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}))
                .build()?,
        })])
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
