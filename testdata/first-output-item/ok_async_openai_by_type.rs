use async_openai::types::responses::{CreateResponseArgs, OutputItem};
use async_openai::Client;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateResponseArgs::default()
        .model("o4-mini")
        .input("Name a colour.")
        .store(false)
        .build()?;
    let response = client.responses().create(request).await?;
    for item in &response.output {
        if let OutputItem::Message(message) = item {
            println!("{:?}", message.content);
        }
    }
    println!("{:?}", response.output.last());
    Ok(())
}
