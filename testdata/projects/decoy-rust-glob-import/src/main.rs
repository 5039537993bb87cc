mod llm;

use llm::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reply = ask("Why is the sky blue?").await?;
    println!("{:?}", reply.choices[0].message.content);
    Ok(())
}
