// A structured reply whose format is built before the request and bound to a name: the
// format moves into the `text` setter and its `let` goes.

use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, ResponseFormat,
    ResponseFormatJsonSchema,
};
use async_openai::Client;
use std::error::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = Client::new();
    let format = ResponseFormat::JsonSchema {
        json_schema: ResponseFormatJsonSchema {
            name: "city".into(),
            description: Some("A city and its country.".into()),
            schema: serde_json::json!({"type": "object", "properties": {"name": {"type": "string"}, "country": {"type": "string"}}, "required": ["name", "country"], "additionalProperties": false}),
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
