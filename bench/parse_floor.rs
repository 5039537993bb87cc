//! The floor under `responsify check`: walk the tree, read every file, run the same prefilter,
//! and parse each file that passes it with the parser its front end uses (ruff's for Python
//! and notebooks' code cells, oxc for TypeScript/JavaScript, jsonc-parser for JSON and each
//! line of JSONL). Nothing is lifted, judged, lowered or printed.
//!
//! `check` cannot be faster than this with these parsers: `bench/run.sh` times it beside
//! `check` and ripgrep, so a speed goal below the floor shows up as such in `results.md`.
//!
//! ```sh
//! cargo run --release --example parse_floor -- bench/corpus
//! ```
//!
//! Prints one line: files walked, files parsed, bytes parsed, parse errors.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: parse_floor PATH...");
        std::process::exit(2);
    }
    let found = responsify::walk::discover(&paths);
    let parsed = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    found.candidates.par_iter().for_each(|c| {
        let Some(fe) = responsify::frontend::for_path(&c.path) else {
            return;
        };
        let Ok(data) = std::fs::read(&c.path) else {
            return;
        };
        if responsify::walk::is_binary(&data) || !responsify::walk::prefilter(fe, &data) {
            return;
        }
        let Ok(text) = String::from_utf8(data) else {
            return;
        };
        parsed.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(text.len(), Ordering::Relaxed);
        if !parse(&c.path, &text) {
            errors.fetch_add(1, Ordering::Relaxed);
        }
    });
    println!(
        "{} files walked, {} parsed ({} bytes), {} did not parse",
        found.candidates.len(),
        parsed.into_inner(),
        bytes.into_inner(),
        errors.into_inner()
    );
}

/// Parse `text` as its extension says; whether it parsed.
fn parse(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "py" | "pyi" => ruff_python_parser::parse_module(text).is_ok(),
        "ipynb" => notebook_cells(text),
        "json" => json(text),
        "jsonl" | "ndjson" => text.lines().filter(|l| !l.trim().is_empty()).all(json),
        _ => match oxc_span::SourceType::from_path(path) {
            Ok(source_type) => {
                let allocator = oxc_allocator::Allocator::default();
                let parsed = oxc_parser::Parser::new(&allocator, text, source_type).parse();
                !parsed.panicked && parsed.diagnostics.errors().next().is_none()
            }
            // Rust, Markdown, Cargo.toml: the corpus has none; counted as parsed.
            Err(_) => true,
        },
    }
}

fn json(text: &str) -> bool {
    jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default()).is_ok()
}

/// The notebook as JSON, then each code cell with ruff's parser.
fn notebook_cells(text: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let cells = doc["cells"].as_array().cloned().unwrap_or_default();
    cells
        .iter()
        .filter(|cell| cell["cell_type"] == "code")
        .all(|cell| {
            let source = match &cell["source"] {
                serde_json::Value::Array(lines) => {
                    lines.iter().filter_map(|l| l.as_str()).collect::<String>()
                }
                serde_json::Value::String(s) => s.clone(),
                _ => String::new(),
            };
            // Magics and shell lines are not Python; the front end masks them.
            let source: String = source
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with(['%', '!']) {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            ruff_python_parser::parse_module(&source).is_ok()
        })
}
