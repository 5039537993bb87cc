use async_openai::types::responses::{CreateResponseArgs, OutputItem, ResponseStreamEvent};
use async_openai::Client;
use futures::StreamExt;
use std::collections::HashMap;

// The name kept from the function_call item, looked up by the done event's item id.
pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateResponseArgs::default()
        .model("gpt-5.4")
        .input("What is the weather in Oslo?")
        .store(false)
        .build()?;
    let mut stream = client.responses().create_stream(request).await?;
    let mut names = HashMap::new();
    while let Some(event) = stream.next().await {
        match event? {
            ResponseStreamEvent::ResponseOutputItemAdded(added) => {
                if let OutputItem::FunctionCall(call) = added.item {
                    names.insert(call.id.clone().unwrap_or_default(), call.name);
                }
            }
            ResponseStreamEvent::ResponseFunctionCallArgumentsDone(done) => {
                println!("{:?} {}", names.get(&done.item_id), done.arguments);
            }
            _ => {}
        }
    }
    Ok(())
}
