//! A Responses request over raw HTTP, in the Responses shapes.

use serde_json::json;

async fn ask(http: &reqwest::Client, key: &str, question: &str) -> Result<serde_json::Value, reqwest::Error> {
    http.post("https://api.openai.com/v1/responses")
        .bearer_auth(key)
        .json(&json!({
            "model": "gpt-5.5",
            "input": [{"role": "user", "content": question}],
            "max_output_tokens": 300,
            "tools": [
                {"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": false}
            ],
            "store": false
        }))
        .send()
        .await?
        .json()
        .await
}
