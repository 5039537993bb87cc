//! A Responses request over raw HTTP whose body kept Chat Completions shapes.

use serde_json::json;

async fn ask(http: &reqwest::Client, key: &str, question: &str) -> Result<serde_json::Value, reqwest::Error> {
    http.post("https://api.openai.com/v1/responses")
        .bearer_auth(key)
        .json(&json!({
            "model": "gpt-5.5",
            "messages": [
                {"role": "user", "content": question}
            ],
            "max_tokens": 300,
            "tools": [
                {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}
            ],
            "text": {"format": {"type": "json_schema", "json_schema": {"name": "answer", "schema": {"type": "object"}}}},
            "store": false
        }))
        .send()
        .await?
        .json()
        .await
}
