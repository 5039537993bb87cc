mod llm;

use async_openai::types::chat::CreateChatCompletionResponse;

struct Session {
    last: Option<CreateChatCompletionResponse>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut session = Session { last: None };
    let reply = llm::ask("Why is the sky blue?").await?;
    println!("{:?}", reply.choices[0].message.content);
    session.last = Some(reply);
    if let Some(last) = &session.last {
        println!("{}", last.choices.len());
    }
    Ok(())
}
