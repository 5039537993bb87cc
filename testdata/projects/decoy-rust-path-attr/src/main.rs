#[path = "chat_impl.rs"]
mod llm;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reply = llm::ask("Why is the sky blue?").await?;
    println!("{:?}", reply.choices[0].message.content);
    Ok(())
}
