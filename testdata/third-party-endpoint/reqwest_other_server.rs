use serde_json::json;

async fn local(http: &reqwest::Client, prompt: &str) -> Result<serde_json::Value, reqwest::Error> {
    http.post("http://localhost:8000/v1/chat/completions")
        .json(&json!({"model": "qwen3", "messages": [{"role": "user", "content": prompt}]}))
        .send()
        .await?
        .json()
        .await
}
