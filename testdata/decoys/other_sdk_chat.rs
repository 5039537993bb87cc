//! async-openai for embeddings, and another SDK's look-alike `chat().create(..)`: the chat
//! call is not async-openai's and must be left alone.

use async_openai::types::embeddings::CreateEmbeddingRequestArgs;
use async_openai::Client;

async fn both(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let embedding = client
        .embeddings()
        .create(CreateEmbeddingRequestArgs::default().model("text-embedding-3-small").input(text).build()?)
        .await?;
    let local = llm_gateway::Client::new("http://localhost:8080");
    let answer = local.chat().create(llm_gateway::ChatRequest::new("llama3", text)).await?;
    println!("{} {}", embedding.data.len(), answer.choices[0].message.content);
    Ok(())
}
