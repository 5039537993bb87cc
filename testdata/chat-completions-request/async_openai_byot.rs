use async_openai::Client;
use serde_json::{json, Value};

async fn raw_body() -> Result<Value, Box<dyn std::error::Error>> {
    let client = Client::new();
    let response: Value = client
        .chat()
        .create_byot(json!({
            "model": "gpt-5.5",
            "messages": [{"role": "user", "content": "Hello"}],
            "reasoning_effort": "low"
        }))
        .await?;
    Ok(response)
}
