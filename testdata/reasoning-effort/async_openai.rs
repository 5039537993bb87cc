use async_openai::types::chat::{
    ChatCompletionRequestDeveloperMessageArgs, ChatCompletionRequestUserMessageArgs,
    CreateChatCompletionRequestArgs, ReasoningEffort,
};
use async_openai::Client;

async fn plan(goal: String) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("o4-mini")
        .reasoning_effort(ReasoningEffort::High)
        .messages(vec![
            ChatCompletionRequestDeveloperMessageArgs::default()
                .content("Answer with numbered steps.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default().content(goal).build()?.into(),
        ])
        .build()?;
    let response = client.chat().create(request).await?;
    if let Some(steps) = &response.choices[0].message.content {
        println!("{steps}");
    }
    Ok(())
}
