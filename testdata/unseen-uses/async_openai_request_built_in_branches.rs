// A request finished in the branches of a `match`, sent on a client passed in: found and
// reported, with no fix (the builder is not followed into the branches).
use async_openai::{
    config::OpenAIConfig,
    types::chat::{
        ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, ResponseFormat,
        ResponseFormatJsonSchema,
    },
    Client,
};

pub async fn ask(
    client: &Client<OpenAIConfig>,
    schema: bool,
) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let mut builder = CreateChatCompletionRequestArgs::default();
    builder
        .model("gpt-4o-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()]);
    let request = match schema {
        true => builder.response_format(ResponseFormat::JsonObject).build()?,
        false => builder.build()?,
    };
    let response = client.chat().create(request).await?;
    Ok(response.choices[0].message.content.clone())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    println!("{:?}", ask(&client, false).await?);
    Ok(())
}
