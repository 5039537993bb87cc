//! responsify finds every use of OpenAI's Chat Completions API in a codebase and migrates it
//! to the Responses API.
//!
//! ```text
//! paths ─ walk (ignore crate: .gitignore-aware, parallel)          walk.rs
//!       ─ prefilter (one multi-pattern byte scan)                    walk.rs
//!       ─ front end: parse, then LIFT into the neutral model         frontend/, model.rs
//!       ─ classify each site: migrate | flag | leave                 frontend/ (Verdict)
//!       ─ rules read the model and emit diagnostics with changes    rules/, diagnostic.rs
//!       ─ plan: a unit is fixed whole or not at all                  engine.rs
//!       ─ LOWER changes into byte edits in the file's syntax         frontend/
//!       ─ apply, re-parse, re-check until nothing changes            engine.rs, edit.rs
//!       ─ report, exit 0 / 1 / 2                                     report/, run.rs
//! ```

pub mod baseline;
pub mod classify;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod engine;
pub mod frontend;
pub mod handoff;
pub mod migration_report;
pub mod model;
pub mod report;
pub mod rules;
pub mod run;
pub mod sdk;
pub mod settings;
pub mod suppression;
pub mod walk;
