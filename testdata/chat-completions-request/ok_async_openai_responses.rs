//! Already on the Responses API: nothing to migrate.

use async_openai::types::responses::CreateResponseArgs;
use async_openai::Client;

async fn ask() -> Result<Option<String>, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateResponseArgs::default()
        .model("gpt-5.5")
        .input("Name a prime number.")
        .store(false)
        .build()?;
    let response = client.responses().create(request).await?;
    Ok(response.output_text())
}
