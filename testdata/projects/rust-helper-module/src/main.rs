mod llm;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reply = llm::ask("Why is the sky blue?").await?;
    println!("{:?}", reply.choices[0].message.content);
    if let Some(usage) = &reply.usage {
        println!("{} in, {} out", usage.prompt_tokens, usage.completion_tokens);
    }
    let again = llm::ask("And at sunset?").await?;
    for choice in &again.choices {
        println!("{:?}", choice.message.content);
    }
    Ok(())
}
