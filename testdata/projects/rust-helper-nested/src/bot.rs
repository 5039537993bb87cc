//! `llm` asks the model; `reply` reads what it says, through `super::`.

mod llm;
pub mod reply;
