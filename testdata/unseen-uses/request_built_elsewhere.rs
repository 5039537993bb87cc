use async_openai::{config::OpenAIConfig, types::CreateChatCompletionRequest, Client};

pub async fn send(client: &Client<OpenAIConfig>, request: CreateChatCompletionRequest) -> String {
    let response = client.chat().create(request).await.unwrap();
    response.choices[0].message.content.clone().unwrap_or_default()
}

pub async fn build_and_send(req: CreateChatCompletionRequest) -> String {
    let client = Client::new();
    let response = client.chat().create(req).await.unwrap();
    response.choices[0].message.content.clone().unwrap_or_default()
}
