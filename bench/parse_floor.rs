//! The floor under `responsify check`: walk the tree, read every file, run the same prefilter,
//! and parse each file that passes it with the parser its front end uses (ruff's for Python
//! and notebooks' code cells, oxc for TypeScript/JavaScript, the JSON front end's jsonc-parser
//! reading for JSON and each line of JSONL). Nothing is lifted, judged, lowered or printed.
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

/// Parse `text` as its extension says, with the front ends' own pieces where they are
/// public (notebook cells, JSON documents); whether it parsed.
fn parse(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "py" | "pyi" => ruff_python_parser::parse_module(text).is_ok(),
        // Each code cell as the notebook reader makes it Python (which parses it).
        "ipynb" => match responsify::notebook::cells(text) {
            Ok(cells) => {
                for cell in &cells {
                    responsify::notebook::as_python(&cell.text);
                }
                true
            }
            Err(_) => false,
        },
        "json" => json(text, 0),
        "jsonl" | "ndjson" => {
            let mut at = 0;
            text.split_inclusive('\n').all(|line| {
                let ok = line.trim().is_empty() || json(line, at);
                at += line.len();
                ok
            })
        }
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

/// One JSON document with the JSON front end's parser, at byte `at` of its file.
fn json(text: &str, at: usize) -> bool {
    responsify::frontend::json::parse_value(text, at).is_ok()
}
