pub mod llm;
pub mod reply;
