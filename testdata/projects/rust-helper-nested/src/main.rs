mod bot;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("{}", bot::reply::answer("Why is the sky blue?").await?);
    bot::reply::show_usage("And at sunset?").await;
    Ok(())
}
