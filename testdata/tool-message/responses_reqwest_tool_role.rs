//! The second turn of a tool call over raw HTTP, still sending a `tool` message.

use serde_json::json;

async fn finish(http: &reqwest::Client, key: &str, call_id: &str, output: &str) -> Result<serde_json::Value, reqwest::Error> {
    let body = json!({
        "model": "gpt-5.5",
        "input": [
            {"role": "user", "content": "What time is it in Lima?"},
            {"type": "function_call", "call_id": "call_7", "name": "clock", "arguments": "{}"},
            {"role": "tool", "tool_call_id": "call_7", "content": "09:30"}
        ],
        "store": false
    });
    let _ = (call_id, output);
    http.post("https://api.openai.com/v1/responses")
        .bearer_auth(key)
        .json(&body)
        .send()
        .await?
        .json()
        .await
}
