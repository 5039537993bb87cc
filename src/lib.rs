//! responsify finds every use of OpenAI's Chat Completions API in a codebase and migrates it
//! to the Responses API.
//!
//! ```text
//! paths ─ walk (ignore crate: .gitignore-aware, parallel)            walk.rs
//!       ─ prefilter (one multi-pattern byte scan per front end)        walk.rs, frontend/
//!       ─ front end: parse, then LIFT sites into the neutral model     frontend/, model.rs
//!           (requests, the uses of their results, and the facts about
//!            each client: constructor, base URL, api-version, options)
//!       ─ CLASSIFY: one judgement of every client's facts, for every   classify.rs
//!           language: Migrate, or Hold with a typed reason (model::Hold)
//!       ─ rules read units and emit diagnostics with neutral changes   rules/, diagnostic.rs
//!           (severity from the reason: warning, error, or info)
//!       ─ plan: a unit is fixed whole or not at all; code out of sight  engine.rs
//!           makes its fix display-only, a deployment caveat unsafe
//!       ─ LOWER changes into byte edits in the file's syntax           frontend/
//!       ─ apply, re-parse, re-check until nothing changes              engine.rs, edit.rs
//!       ─ report, exit 0 (clean or notes only) / 1 / 2                 report/, run.rs
//! ```
//!
//! Knowledge of the API lives in one place per kind: which clients are OpenAI's in
//! `classify`, SDK releases in `sdk`, parameters and result shapes in `rules::catalogue`.
//! Notebooks and Markdown sit above the engine: they cut cells and fences into programs of
//! another front end and splice the edits back.

pub mod baseline;
pub mod classify;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod engine;
pub mod folder_files;
pub mod frontend;
pub mod handoff;
pub mod migration_report;
pub mod model;
pub mod models;
pub mod notebook;
pub mod project;
pub mod project_env;
pub mod report;
pub mod retired_models;
pub mod rules;
pub mod run;
pub mod sdk;
pub mod sdk_pins;
pub mod sdk_source;
pub mod server;
pub mod settings;
pub mod suppression;
pub mod walk;
