// Unconditional setters move with the rewrite; one set in a branch is refused, since its
// Responses form could only be written outside the branch.
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, ReasoningEffort};
use async_openai::Client;

async fn ask() -> Result<String, Box<dyn std::error::Error>> {
    let mut args = CreateChatCompletionRequestArgs::default();
    args.model("o4-mini").messages([ChatCompletionRequestUserMessageArgs::default().content("Hi").build()?.into()]);
    args.reasoning_effort(ReasoningEffort::Low);
    let request = args.build()?;
    let response = Client::new().chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}

async fn ask_branch(deep: bool) -> Result<String, Box<dyn std::error::Error>> {
    let mut args = CreateChatCompletionRequestArgs::default();
    args.model("o4-mini").messages([ChatCompletionRequestUserMessageArgs::default().content("Hi").build()?.into()]);
    if deep {
        args.reasoning_effort(ReasoningEffort::High);
    }
    let request = args.build()?;
    let response = Client::new().chat().create(request).await?;
    Ok(response.choices[0].message.content.clone().unwrap_or_default())
}
