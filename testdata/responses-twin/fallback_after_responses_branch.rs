//! A function that turns to the Responses API when it is enabled and returns, and falls back
//! to Chat Completions otherwise: the chat request is the fallback, kept on purpose.

use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

pub struct Assistant {
    client: Client<OpenAIConfig>,
    use_responses_api: bool,
}

impl Assistant {
    async fn complete_via_responses_api(&self, prompt: &str) -> Result<String, Box<dyn std::error::Error>> {
        let _ = (&self.client, prompt);
        Ok(String::new())
    }

    pub async fn complete(&self, prompt: &str) -> Result<String, Box<dyn std::error::Error>> {
        if self.use_responses_api {
            return self.complete_via_responses_api(prompt).await;
        }
        let request = CreateChatCompletionRequestArgs::default()
            .model("gpt-5-mini")
            .messages([ChatCompletionRequestUserMessageArgs::default()
                .content(prompt)
                .build()?
                .into()])
            .build()?;
        let response = self.client.chat().create(request).await?;
        Ok(response.choices[0].message.content.clone().unwrap_or_default())
    }
}
