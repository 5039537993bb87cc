//! A chat request over raw HTTP: reqwest with a `json!` body, the reply printed as JSON.

use serde_json::json;

async fn ask(http: &reqwest::Client, key: &str, question: &str) -> Result<(), reqwest::Error> {
    let reply: serde_json::Value = http
        .post("https://api.openai.com/v1/chat/completions")
        .bearer_auth(key)
        .json(&json!({
            "model": "gpt-5.5",
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": question}
            ],
            "max_tokens": 300
        }))
        .send()
        .await?
        .json()
        .await?;
    println!("{reply:#}");
    Ok(())
}
