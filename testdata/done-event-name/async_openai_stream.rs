use async_openai::types::responses::{CreateResponseArgs, ResponseStreamEvent};
use async_openai::Client;
use futures::StreamExt;

// The tool's name read from the arguments' done event: always `None` from the server.
pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateResponseArgs::default()
        .model("gpt-5.4")
        .input("What is the weather in Oslo?")
        .store(false)
        .build()?;
    let mut stream = client.responses().create_stream(request).await?;
    while let Some(event) = stream.next().await {
        match event? {
            ResponseStreamEvent::ResponseFunctionCallArgumentsDone(done) => {
                println!("{} {}", done.name.unwrap_or_default(), done.arguments);
            }
            _ => {}
        }
    }
    Ok(())
}
