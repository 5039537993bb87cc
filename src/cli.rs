//! The command line, as clap sees it.

use crate::report::Format;
use crate::settings::StorePolicy;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "responsify",
    version,
    about = "Find Chat Completions API usage and migrate it to the Responses API",
    long_about = "Find Chat Completions API usage and migrate it to the Responses API.\n\n\
                  A linter and a codemod in one: `check` reports what is left to migrate, \
                  `check --fix` applies the fixes that are proven safe, `convert` prints the \
                  Responses form of one request body."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report Chat Completions usage, and fix what can be fixed.
    Check(Box<CheckArgs>),
    /// Print the documentation of a rule.
    Explain {
        /// The rule's name, as `responsify rules` lists it.
        rule: String,
    },
    /// List every rule.
    Rules {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the Responses form of a Chat Completions request body or Batch JSONL file.
    Convert(ConvertArgs),
    /// Write a migration report for a lead: what is left, where, what blocks it (HTML or
    /// Markdown), or one row per request that needs a person (JSON or CSV).
    Report(ReportArgs),
    /// Print the configuration file and the settings that apply to a file (default: `.`).
    Config {
        /// The file (or directory) to show the settings of.
        path: Option<PathBuf>,
    },
    /// Run the language server for editors (LSP over standard input and output).
    Server,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Defaults to `.`.
    pub paths: Vec<PathBuf>,
    /// Apply the fixes that cannot change behaviour.
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that may change behaviour (implies nothing without --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// How to print findings; repeat it with `--output-file` to write several reports at once
    /// (the i-th format goes to the i-th file; a format without a file goes to the terminal,
    /// which otherwise gets `full`).
    #[arg(long, value_enum)]
    pub output_format: Vec<Format>,
    /// Write the report of the matching `--output-format` to this file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub output_file: Vec<PathBuf>,
    /// Record today's findings in FILE, so later runs with `--baseline FILE` report only new ones.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline; entries that match nothing any more
    /// are reported too (exit 1), so the baseline can only shrink.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Only these rules (comma-separated names; `ALL` for every rule, opt-in ones included).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Leave out these rules (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print how many findings each rule has, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when findings remain (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The file name to use for standard input (picks the language).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// The `store` value to write where a request relied on the default [config: store-policy;
    /// default: false].
    #[arg(long, value_enum)]
    pub store_policy: Option<StorePolicy>,
    /// Also fix code blocks in documentation (Markdown); off by default, because many documents
    /// describe Chat Completions on purpose.
    #[arg(long)]
    pub fix_docs: bool,
    /// A base URL of a server that implements the Responses API (repeatable): calls on
    /// clients pointed at it migrate instead of being reported as `third-party-endpoint`.
    #[arg(long = "responses-provider", value_name = "URL")]
    pub responses_providers: Vec<String>,
    /// Skip (and report) files larger than this many bytes.
    #[arg(long, default_value_t = crate::settings::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Worker threads (default: one per core). Output is the same whatever the number.
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Skip files the configuration's `exclude` (or the default excludes) leaves out even when
    /// they are named on the command line, as pre-commit and editors name them.
    #[arg(long)]
    pub force_exclude: bool,
    /// Check `node_modules`, `.venv`, `venv`, `dist`, `build`, `target`, `site-packages` and
    /// `__pypackages__` directories too.
    #[arg(long)]
    pub no_default_excludes: bool,
    /// Insert a suppression comment (`responsify: ignore[RULES] -- REASON`) above each line
    /// with findings that need a person, in Python, TypeScript, JavaScript and Rust files, so a
    /// team accepts today's state in the code; then exit.
    #[arg(
        long,
        value_name = "REASON",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        conflicts_with_all = ["fix", "diff", "write_baseline"]
    )]
    pub add_noqa: Option<String>,
    /// Print the settings that apply to this file, and exit.
    #[arg(long, value_name = "FILE")]
    pub show_settings: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The request body (.json) or Batch input file (.jsonl); `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Accepted for compatibility: `convert` always takes the conversions that may change a
    /// behaviour, names each on stderr and exits 1.
    #[arg(long, hide = true)]
    pub unsafe_fixes: bool,
    /// The `store` value to write where the request relied on the default.
    #[arg(long, value_enum, default_value = "false")]
    pub store_policy: StorePolicy,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or directories to report on. Defaults to `.`.
    pub paths: Vec<PathBuf>,
    /// Where to write the report (default: standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Skip excluded files even when they are named on the command line.
    #[arg(long)]
    pub force_exclude: bool,
    /// Report on the directories skipped by default (`node_modules`, `.venv`, `build`, …) too.
    #[arg(long)]
    pub no_default_excludes: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
    /// One object per request that needs a person: file, line, blocking rules, what to do,
    /// top directory and `CODEOWNERS` owners.
    Json,
    /// The rows of `json` as CSV, for a spreadsheet or a ticket import.
    Csv,
}
