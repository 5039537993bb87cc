use async_openai::types::batches::{BatchCompletionWindow, BatchEndpoint, BatchRequest};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let batch = client
        .batches()
        .create(BatchRequest {
            input_file_id: "file-abc".into(),
            endpoint: BatchEndpoint::V1ChatCompletions,
            completion_window: BatchCompletionWindow::W24H,
            metadata: None,
            output_expires_after: None,
        })
        .await?;
    println!("{}", batch.id);
    Ok(())
}
