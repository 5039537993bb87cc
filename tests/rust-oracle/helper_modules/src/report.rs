//! Callers from another branch of the tree: a renamed import from a group, and a path
//! written out from the crate root.

use crate::bot::llm::{ask as ask_model, self};
use async_openai::error::OpenAIError;

pub async fn summary(question: &str) -> Result<(), OpenAIError> {
    let reply = ask_model(question).await?;
    println!("{:?}", reply.choices[0].message.content);
    let again = llm::ask(question).await?;
    println!("{}", again.model);
    for choice in again.choices.iter() {
        println!("{:?}", choice.message.content);
    }
    Ok(())
}

pub async fn qualified(question: &str) {
    if let Ok(reply) = crate::bot::llm::ask(question).await {
        println!("{:?}", reply.choices[0].message.content);
    }
}
