use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;
use futures::StreamExt;

async fn stream_story() -> Result<String, Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("A story.").build()?.into()])
        .build()?;
    let mut stream = client.chat().create_stream(request).await?;
    let mut story = String::new();
    while let Some(result) = stream.next().await {
        match result {
            Ok(response) => {
                response.choices.iter().for_each(|chat_choice| {
                    if let Some(ref content) = chat_choice.delta.content {
                        story.push_str(content);
                    }
                });
            }
            Err(err) => eprintln!("stream error: {err}"),
        }
    }
    Ok(story)
}

async fn first_choice_only() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("Count to 3.").build()?.into()])
        .build()?;
    let mut stream = client.chat().create_stream(request).await?;
    while let Some(Ok(chunk)) = stream.next().await {
        print!("{}", chunk.choices[0].delta.content.clone().unwrap_or_default());
    }
    Ok(())
}
