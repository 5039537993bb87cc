//! A helper in a module of its own (`bot::llm`), called from other modules of the crate
//! by every path Rust allows: the call, the helper's return type and every caller's reads
//! migrate together.

mod bot;
mod report;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("{}", bot::reply::answer("Why is the sky blue?").await?);
    bot::reply::show_usage("And at sunset?").await;
    report::summary("Why is grass green?").await?;
    report::qualified("What is rain?").await;
    Ok(())
}
