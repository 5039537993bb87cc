use async_openai::types::chat::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs,
    CreateChatCompletionRequestArgs,
};
use async_openai::Client;

/// Options are set on the builder one statement at a time, some only when asked for.
async fn ask(question: &str, limit: Option<u32>, temperature: Option<f32>) -> Result<String, Box<dyn std::error::Error>> {
    let mut args = CreateChatCompletionRequestArgs::default();
    args.model("gpt-5.5").messages([
        ChatCompletionRequestSystemMessageArgs::default().content("Be brief.").build()?.into(),
        ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into(),
    ]);
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
