//! The commands: what `main` calls, and how their results become exit codes.

use crate::cli::{CheckArgs, Cli, Command, ConvertArgs, ReportArgs, ReportFormat};
use crate::config::{Overrides, Resolver};
use crate::diagnostic::{Applicability, Severity};
use crate::engine::{self, CheckError, Checked, FixStatus};
use crate::frontend::{self, FrontEnd};
use crate::report::{self, Format, Message};
use crate::rules;
use crate::settings::Settings;
use crate::walk::{self, Candidate};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing left to do.
    Clean,
    /// Findings remain (or, with `--diff`, fixes are pending).
    Findings,
    /// Something went wrong: a file could not be read or parsed, or bad usage.
    Error,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        }
    }
}

/// The stack of every thread that parses. The parsers and the walks over their trees recurse
/// once per level of nesting, and a stack overflow aborts the process instead of failing one
/// file: the depth guard (`frontend::depth`) bounds the nesting, and this leaves room for
/// its limit in every front end, in a debug build too (measured in tests/reliability.rs).
/// Only the pages a thread touches are committed, so a large reservation costs nothing.
pub const WORKER_STACK: usize = 512 << 20;

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { json } => list_rules(json),
        Command::Convert(args) => convert(&args),
        Command::Report(args) => migration_report(&args),
        Command::Server => server(),
        Command::Config { path } => show_settings(
            &path.unwrap_or_else(|| PathBuf::from(".")),
            &Overrides::default(),
        ),
    }
}

/// `responsify server`: the language server, until the client says `exit`.
fn server() -> Outcome {
    match crate::server::run() {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            error(format!("server: {e}"));
            Outcome::Error
        }
    }
}

/// `responsify config PATH` and `check --show-settings PATH`.
fn show_settings(path: &Path, overrides: &Overrides) -> Outcome {
    let resolver = Resolver::new(overrides.clone(), Settings::default());
    let probe = if path.is_dir() {
        path.join("_")
    } else {
        path.to_path_buf()
    };
    let resolved = match resolver.resolve(&probe) {
        Ok(r) => r,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    let settings = resolved.for_file(&probe);
    let mut out = String::new();
    match &resolved.config {
        Some(c) => out += &format!("# configuration: {}\n", c.display()),
        None => out += "# configuration: none found (defaults)\n",
    }
    for base in &resolved.extends {
        out += &format!("# extends: {}\n", base.display());
    }
    out += &format!("# settings for {}\n", path.display());
    let selected: Vec<String> = settings.selected().map(|r| format!("{r:?}")).collect();
    out += &format!("select = [{}]\n", selected.join(", "));
    let quoted = |rules: &[String]| -> String {
        rules
            .iter()
            .map(|r| format!("{r:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out += &format!("ignore = [{}]\n", quoted(&resolved.ignore));
    let matching = resolved.per_file_ignores(&probe);
    let per_file: Vec<String> = matching
        .iter()
        .map(|(pattern, rules)| format!("{pattern:?} = [{}]", quoted(rules)))
        .collect();
    out += &format!(
        "per-file-ignores = {{ {} }}  # the patterns that match\n",
        per_file.join(", ")
    );
    let policy = match settings.store_policy {
        crate::settings::StorePolicy::KeepChat => "false",
        crate::settings::StorePolicy::Store => "true",
        crate::settings::StorePolicy::Report => "report",
    };
    out += &format!("store-policy = {policy:?}\n");
    out += &format!("fix-docs = {}\n", settings.fix_docs);
    let providers: Vec<String> = settings
        .responses_providers
        .iter()
        .map(|p| format!("{p:?}"))
        .collect();
    out += &format!("responses-providers = [{}]\n", providers.join(", "));
    out += &format!("excluded = {}\n", resolved.skips(path));
    print_out(&out, Outcome::Clean)
}

/// Write `text` to standard output and end with `outcome`. A reader that went away
/// (`| head -1`) is no error: the command ends quietly with the outcome it had, as ripgrep
/// does. `println!` would panic there instead.
fn print_out(text: &str, outcome: Outcome) -> Outcome {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => outcome,
        Err(e) => write_failed(&e, outcome),
    }
}

/// The outcome of a command whose output could not be written: a closed pipe ends it quietly
/// with the outcome it had; any other failure (a full disk) is an error.
fn write_failed(e: &io::Error, outcome: Outcome) -> Outcome {
    if e.kind() == io::ErrorKind::BrokenPipe {
        outcome
    } else {
        error(format!("cannot write to standard output: {e}"));
        Outcome::Error
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set.
fn use_color(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn error(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "error: {message}");
}

fn warning(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "warning: {message}");
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

/// What happened to one file.
struct FileResult {
    path: String,
    /// The file's findings as messages, made in the worker that checked it (line and column
    /// counting is per file work, not the reporting thread's).
    messages: Vec<Message>,
    /// Findings fixed and written back (`--fix`) or shown as a diff (`--diff`).
    fixed_count: usize,
    error: Option<String>,
    /// Said on stderr without failing the run (a read-only file left as it was).
    warnings: Vec<String>,
    diff: Option<String>,
    /// A fix to write once every file is checked (see `settle`).
    pending: Option<Pending>,
    /// Another file's fix changed this one (its reads of a helper's result).
    edited_by_others: bool,
    /// The settings the file was checked with, kept for a file with findings and no fix of
    /// its own (a Batch file, a reader of a batch's output) in a run that fixes: another
    /// file's fix may edit it, and its findings are then made again on the text written.
    recheck: Option<Settings>,
}

/// A file whose fix waits for the rest of the run: a unit's fix may edit other files too
/// (companions), and each of those is read for that fix as the run found it.
struct Pending {
    file: PathBuf,
    meta: std::fs::Metadata,
    /// The text as read, to report findings on when the fix cannot be written.
    original: String,
    settings: Settings,
    /// The check of the text as read, with its fix; its messages are made once the fix is
    /// written or held back.
    checked: Checked,
}

impl FileResult {
    fn new(path: String) -> Self {
        FileResult {
            path,
            messages: Vec::new(),
            fixed_count: 0,
            error: None,
            warnings: Vec::new(),
            diff: None,
            pending: None,
            edited_by_others: false,
            recheck: None,
        }
    }

    fn failed(path: String, error: impl Into<String>) -> Self {
        FileResult {
            error: Some(error.into()),
            ..FileResult::new(path)
        }
    }
}

fn check(args: &CheckArgs) -> Outcome {
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        store_policy: args.store_policy,
        fix_docs: args.fix_docs,
        responses_providers: args.responses_providers.clone(),
        no_config: args.isolated,
        force_exclude: args.force_exclude,
        no_default_excludes: args.no_default_excludes,
    };
    if let Some(path) = &args.show_settings {
        return show_settings(path, &overrides);
    }
    let mut settings = match Settings::new(&args.select, &args.ignore) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    let mode = if args.diff {
        Mode::Diff
    } else if args.fix {
        Mode::Fix
    } else {
        Mode::Check
    };
    settings.fix = mode != Mode::Check;
    settings.unsafe_fixes = args.unsafe_fixes;
    settings.max_file_size = args.max_file_size;
    let (terminal, files) = match outputs(args) {
        Ok(o) => o,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    // Only some reports show each finding's fix as edits; the rest need not lower them.
    settings.display_edits =
        terminal.is_some_and(Format::shows_edits) || files.iter().any(|(f, _)| f.shows_edits());
    let resolver = Resolver::new(overrides, settings);
    // A broken configuration where the run starts is an error before any file is read.
    if let Err(e) = resolver.resolve(Path::new("./_")) {
        error(e);
        return Outcome::Error;
    }

    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-")
        || (args.paths.is_empty() && args.stdin_filename.is_some());
    if stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("stdin.json"));
        let settings = match resolver.resolve(&name) {
            Ok(r) => r.for_file(&name),
            Err(e) => {
                error(e);
                return Outcome::Error;
            }
        };
        return check_stdin(
            args,
            terminal.unwrap_or_else(Format::default_for_environment),
            &settings,
            mode,
        );
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let terminal_format = terminal.unwrap_or_else(Format::default_for_environment);
    let color = use_color(io::stdout().is_terminal());
    // Findings go to the terminal as each file is done, unless something needs them all
    // first: a baseline, a report file, statistics, or a format that is one document.
    let streaming = files.is_empty()
        && args.baseline.is_none()
        && args.write_baseline.is_none()
        && args.add_noqa.is_none()
        && !args.statistics
        && terminal_format.streams();
    // Statistics alone are counted as each file is done; the findings need not wait.
    let counting = files.is_empty()
        && args.baseline.is_none()
        && args.write_baseline.is_none()
        && args.add_noqa.is_none()
        && args.statistics;
    let mut counts = report::RuleCounts::default();
    let mut out = io::BufWriter::with_capacity(64 << 10, io::stdout().lock());
    // A closed pipe (`| head -1`) stops the output; the run still ends as it would have.
    let mut closed: Option<io::Error> = None;
    let mut diffs = 0;
    let mut kept: Vec<Message> = Vec::new();
    let mut tally = Tally::default();
    let mut checked_files = std::collections::HashSet::new();
    let tree = {
        let mut sink = |r: FileResult| {
            if let Some(diff) = &r.diff {
                diffs += 1;
                if closed.is_none() {
                    closed = write!(out, "{diff}").err();
                }
            }
            if streaming {
                tally.add(&r.messages);
                if mode != Mode::Diff && closed.is_none() && !r.messages.is_empty() {
                    closed = report::write(terminal_format, &r.messages, color, &mut out).err();
                }
            } else if counting {
                tally.add(&r.messages);
                counts.add(&r.messages);
            } else {
                checked_files.insert(r.path);
                kept.extend(r.messages);
            }
        };
        match check_tree(&paths, &resolver, mode, true, args.threads, &mut sink) {
            Ok(tree) => tree,
            Err(e) => {
                error(e);
                return Outcome::Error;
            }
        }
    };
    let mut err = io::stderr().lock();
    let (mut messages, fixed, fixed_files) = (kept, tree.fixed, tree.fixed_files);
    let mut failed = tree.errors > 0;
    if let Some(path) = &args.write_baseline {
        let _ = out.flush();
        return match crate::baseline::write(path, &messages) {
            Ok(n) => {
                let _ = writeln!(err, "Wrote {} to {}.", plural(n, "finding"), path.display());
                if failed {
                    Outcome::Error
                } else {
                    Outcome::Clean
                }
            }
            Err(e) => {
                error(e);
                Outcome::Error
            }
        };
    }
    if let Some(reason) = &args.add_noqa {
        let _ = out.flush();
        return add_noqa(&messages, reason, &mut err, failed);
    }
    let mut stale_entries = 0;
    let mut known = None;
    let mut stale_messages = Vec::new();
    if let Some(path) = &args.baseline {
        let baseline = match crate::baseline::read(path) {
            Ok(b) => b,
            Err(e) => {
                error(e);
                return Outcome::Error;
            }
        };
        // Judge only the entries of files this run checked, or that are gone from a
        // directory it walked: pre-commit and changed-files jobs name a few files.
        let roots: Vec<String> = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| walk::display_path(p))
            .collect();
        let in_scope = |file: &str| {
            checked_files.contains(file)
                || (!Path::new(file).exists()
                    && roots
                        .iter()
                        .any(|r| r == "." || Path::new(file).starts_with(Path::new(r))))
        };
        let filtered = crate::baseline::filter(&baseline, messages, in_scope);
        messages = filtered.new;
        known = Some(filtered.known);
        let stale = filtered.stale;
        stale_entries = stale.len();
        for entry in &stale {
            let _ = writeln!(
                err,
                "stale baseline entry: {}: {} ({}): nothing matches it any more",
                entry.path, entry.rule, entry.message
            );
            stale_messages.push(stale_message(entry));
        }
        if stale_entries > 0 {
            let _ = writeln!(
                err,
                "{stale_entries} baseline {} no longer match: rewrite it with --write-baseline to prune them.",
                if stale_entries == 1 { "entry" } else { "entries" }
            );
        }
    }
    // Machine-readable reports carry the stale entries too, so a CI job that shows only
    // them (GitHub annotations, code scanning) says why the run failed.
    // (A copy of every finding only when there are stale entries to add.)
    let with_stale: Option<Vec<Message>> = (!stale_messages.is_empty())
        .then(|| messages.iter().cloned().chain(stale_messages).collect());
    let report_messages = |format: Format| -> &[Message] {
        match &with_stale {
            Some(with_stale)
                if !matches!(
                    format,
                    Format::Full | Format::Concise | Format::Markdown | Format::Agent
                ) =>
            {
                with_stale
            }
            _ => &messages,
        }
    };
    for (format, path) in &files {
        let mut buffer = Vec::new();
        let written = report::write(*format, report_messages(*format), false, &mut buffer)
            .and_then(|_| std::fs::write(path, &buffer));
        if let Err(e) = written {
            error(format!("{}: {e}", path.display()));
            failed = true;
        }
    }
    if !streaming && !counting {
        tally.add(&messages);
    }
    if mode != Mode::Diff && closed.is_none() && !streaming {
        let written = if counting {
            counts.write(terminal_format == Format::Json, &mut out)
        } else if args.statistics {
            report::write_statistics(&messages, terminal_format == Format::Json, &mut out)
        } else {
            report::write(
                terminal_format,
                report_messages(terminal_format),
                color,
                &mut out,
            )
        };
        closed = written.err();
    }
    if closed.is_none() {
        closed = out.flush().err();
    }
    let outcome = if failed {
        Outcome::Error
    } else if args.exit_zero {
        Outcome::Clean
    } else if tally.needs_action() || (mode == Mode::Diff && diffs > 0) || stale_entries > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    if let Some(e) = closed {
        // Nobody reads the rest, so no summary either: the run ends quietly.
        return write_failed(&e, outcome);
    }
    let errors = tree.errors;
    if matches!(
        terminal_format,
        Format::Full | Format::Concise | Format::Agent
    ) || args.statistics
    {
        summarize(
            &mut err,
            mode,
            &tally,
            (fixed, fixed_files, diffs),
            failed,
            known,
        );
    }
    if errors > 0 {
        let _ = writeln!(
            err,
            "{} could not be checked; see the errors above.",
            plural(errors, "path")
        );
    }
    outcome
}

/// What checking a tree gave besides the files handed to the sink.
struct Tree {
    /// Paths that could not be checked (already reported on stderr).
    errors: usize,
    fixed: usize,
    fixed_files: usize,
}

/// Files checked in parallel per batch. The batches go to the sink in walk order while the
/// next one is checked, so memory holds a few batches, not the run: it stays flat however
/// large the tree (issue #15). Large enough that the workers rarely wait at a batch's end.
const BATCH: usize = 512;

/// Walk `paths`, check every file in parallel, report unreadable paths on stderr, and hand
/// each file's result to `sink` in path order, whatever the number of threads (output is
/// the same for `-j 1` and `-j N`).
fn check_tree(
    paths: &[PathBuf],
    resolver: &Resolver,
    mode: Mode,
    progress: bool,
    threads: Option<usize>,
    sink: &mut dyn FnMut(FileResult),
) -> Result<Tree, String> {
    let walk::Discovery {
        candidates,
        errors: walk_errors,
        warnings: walk_warnings,
    } = walk::discover(paths);
    // Asked only for results that functions hand on to other files (see `project`).
    let project = Arc::new(crate::project::Project::new(
        candidates.iter().map(|c| c.path.clone()).collect(),
    ));
    let bar = if progress {
        progress_bar(candidates.len())
    } else {
        indicatif::ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("responsify-worker-{i}"))
        .build()
        .map_err(|e| format!("cannot start the worker threads: {e}"))?;
    let mut tree = Tree {
        errors: walk_errors.len(),
        fixed: 0,
        fixed_files: 0,
    };
    for (path, message) in &walk_errors {
        error(format!("{}: {message}", walk::display_path(path)));
    }
    for (path, message) in &walk_warnings {
        warning(format!("{}: {message}", walk::display_path(path)));
    }
    let leftovers = Leftovers::default();
    // The candidates in batches, each with the index of its first in the run.
    let numbered_batches = || {
        candidates
            .chunks(BATCH)
            .enumerate()
            .map(|(b, batch)| (b * BATCH, batch))
    };
    let check_batch = |(start, batch): (usize, &[Candidate])| -> Vec<FileResult> {
        pool.install(|| {
            batch
                .par_iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    // A bug in one file's check must not take the others down with it: the
                    // panic has printed its message, and the file is counted as an error.
                    let result = std::panic::catch_unwind(|| {
                        check_file(c, start + i, resolver, mode, &project, &leftovers)
                    })
                    .unwrap_or_else(|_| {
                        Some(FileResult::failed(
                            walk::display_path(&c.path),
                            "internal error (a bug in responsify; please report it); skipped",
                        ))
                    });
                    bar.inc(1);
                    result
                })
                .collect()
        })
    };
    let mut tally = |tree: &mut Tree, r: FileResult| {
        tree.fixed += r.fixed_count;
        if r.fixed_count > 0 || r.edited_by_others {
            tree.fixed_files += 1;
        }
        if r.error.is_some() {
            tree.errors += 1;
        }
        let mut take = |r: FileResult| {
            for w in &r.warnings {
                warning(format!("{}: {w}", r.path));
            }
            if let Some(e) = &r.error {
                error(format!("{}: {e}", r.path));
            }
            sink(r);
        };
        // The bar is drawn on stderr: what goes to the terminal meanwhile must not be drawn
        // over.
        let quiet =
            r.messages.is_empty() && r.diff.is_none() && r.error.is_none() && r.warnings.is_empty();
        if quiet {
            take(r);
        } else {
            bar.suspend(|| take(r));
        }
    };
    if mode != Mode::Check {
        // A fix may edit files other than its own (see `settle`): every file is checked
        // before any is written, so the results wait for the whole run.
        let mut results: Vec<FileResult> = numbered_batches().flat_map(check_batch).collect();
        settle(&mut results, mode, &leftovers);
        for r in results {
            tally(&mut tree, r);
        }
        bar.finish_and_clear();
        return Ok(tree);
    }
    // One batch waits in the channel while the sink takes the one before it.
    let (sender, batches) = std::sync::mpsc::sync_channel::<Vec<FileResult>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for batch in numbered_batches() {
                if sender.send(check_batch(batch)).is_err() {
                    break;
                }
            }
        });
        for batch in batches {
            for r in batch {
                tally(&mut tree, r);
            }
        }
    });
    bar.finish_and_clear();
    Ok(tree)
}

/// Write the fixes of the run, each file's with the edits other files' fixes make in it
/// (companions: the reads of a helper's callers in another module), or show them as diffs.
/// A file and the files it shares a fix with are written together or not at all: when one
/// of them cannot be, none is, and each says why.
fn settle(results: &mut [FileResult], mode: Mode, leftovers: &Leftovers) {
    use std::collections::{BTreeMap, BTreeSet};
    if mode == Mode::Check {
        return;
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Each path canonical once, in parallel: a `realpath` is a system call per component, and
    // done one after another for every fixed file they were a serial stretch of `--fix`.
    let mut keys: Vec<PathBuf> = results
        .iter()
        .filter_map(|r| r.pending.as_ref())
        .flat_map(|p| {
            std::iter::once(p.file.clone())
                .chain(p.checked.companions.iter().map(|c| c.path.clone()))
        })
        .collect();
    keys.sort();
    keys.dedup();
    let keys: std::collections::HashMap<PathBuf, PathBuf> = keys
        .into_par_iter()
        .map(|p| {
            let k = canonical(&p);
            (p, k)
        })
        .collect();
    let key = |p: &Path| keys.get(p).cloned().unwrap_or_else(|| canonical(p));
    // The first result of each shown path (a path is checked once, so there is one).
    let result_of: std::collections::HashMap<String, usize> = results
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| (r.path.clone(), i))
        .collect();
    let by_file: BTreeMap<PathBuf, usize> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.pending.as_ref().map(|p| (key(&p.file), i)))
        .collect();
    // For each file that others' fixes edit: those edits, and who makes them.
    let mut incoming: BTreeMap<PathBuf, (PathBuf, Vec<usize>, Vec<crate::edit::Edit>)> =
        BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        for c in r.pending.iter().flat_map(|p| &p.checked.companions) {
            let entry = incoming
                .entry(key(&c.path))
                .or_insert_with(|| (c.path.clone(), Vec::new(), Vec::new()));
            entry.1.push(i);
            entry.2.extend(c.edits.iter().cloned());
        }
    }
    // Two requests that share a value bring the same edits for its file: once is enough.
    for (_, _, edits) in incoming.values_mut() {
        edits.sort();
        edits.dedup();
    }
    // A shared value (an imported `TOOLS`) changes only when every request that sends it is
    // fixed: fewer would leave the others sending it in Responses form to Chat Completions.
    let mut quorum: BTreeMap<(PathBuf, String), (Arc<crate::model::SharedValue>, Vec<usize>)> =
        BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        for c in r.pending.iter().flat_map(|p| &p.checked.companions) {
            if let Some(shared) = &c.shared {
                quorum
                    .entry((key(&shared.path), shared.name.clone()))
                    .or_insert_with(|| (Arc::clone(shared), Vec::new()))
                    .1
                    .push(i);
            }
        }
    }
    // The final text of each edited file, or why it cannot be written; each is read and
    // checked again, so in parallel.
    let finals: BTreeMap<PathBuf, Result<Companioned, String>> = incoming
        .par_iter()
        .map(|(k, (file, _, edits))| {
            let own = by_file.get(k).map(|&i| &results[i]);
            let text = if result_of.contains_key(&walk::display_path(file)) {
                companion_text(file, edits, own)
            } else {
                Err("is not checked in this run (excluded)".to_string())
            };
            (k.clone(), text)
        })
        .collect();
    // Fixes that share a file fail together: spread each failure to the sources and the other
    // files of its fix until nothing changes.
    let mut failed: BTreeMap<usize, String> = BTreeMap::new();
    // Held back by a decision (a shared value not every request can take), not by an error:
    // said as a warning, and the findings stay.
    let mut held: BTreeSet<usize> = BTreeSet::new();
    for (shared, sources) in quorum.values() {
        if sources.len() < shared.users {
            for &s in sources {
                held.insert(s);
                failed.entry(s).or_insert_with(|| {
                    format!(
                        "not fixed: `{}` ({}) is sent by {} requests of this run, and only {} of them can be fixed now",
                        shared.name,
                        walk::display_path(&shared.path),
                        shared.users,
                        sources.len()
                    )
                });
            }
        }
    }
    let mut failed_files: BTreeSet<PathBuf> = finals
        .iter()
        .filter(|(_, f)| f.is_err())
        .map(|(k, _)| k.clone())
        .collect();
    loop {
        let before = (failed.len(), failed_files.len());
        for (k, (file, sources, _)) in &incoming {
            if failed_files.contains(k) {
                let why = match &finals[k] {
                    Err(why) => why.clone(),
                    Ok(_) => "shares a fix with a file that cannot be fixed".into(),
                };
                for &s in sources {
                    failed.entry(s).or_insert_with(|| {
                        format!(
                            "not fixed: the fix also edits {}, which {why}",
                            walk::display_path(file)
                        )
                    });
                }
            } else if sources.iter().any(|s| failed.contains_key(s)) {
                failed_files.insert(k.clone());
            }
            if let Some(&own) = by_file.get(k) {
                if failed_files.contains(k) && !failed.contains_key(&own) {
                    failed.insert(
                        own,
                        "not fixed: another file's fix edits it too, and cannot be written".into(),
                    );
                }
            }
        }
        if (failed.len(), failed_files.len()) == before {
            break;
        }
    }
    // Each file is written (a rename that makes ext4 flush the new file's blocks) and its
    // findings left are made on its own: in parallel, as the check was.
    results.par_iter_mut().enumerate().for_each(|(i, r)| {
        let Some(pending) = r.pending.take() else {
            return;
        };
        let k = key(&pending.file);
        let target = finals.get(&k).filter(|_| !failed_files.contains(&k));
        let failure = failed.get(&i).cloned();
        let mut checked = pending.checked;
        let fixed = match (target, &failure) {
            (_, Some(_)) => None,
            (Some(Ok(done)), None) => {
                r.edited_by_others = true;
                if let Some(again) = &done.checked {
                    checked = again.clone();
                }
                Some(done.text.clone())
            }
            _ => checked.fixed.clone(),
        };
        let outcome = match (&fixed, mode) {
            (None, _) => Err(failure.unwrap_or_default()),
            (Some(text), Mode::Diff) => {
                r.diff = Some(unified_diff(&r.path, &pending.original, text));
                Ok(())
            }
            (Some(text), _) => write_atomically(&pending.file, &pending.meta, text, leftovers)
                .map_err(|e| format!("cannot write the fixed file: {e}")),
        };
        let source: Arc<str> = match (outcome, fixed) {
            (Ok(()), Some(text)) => Arc::from(text),
            (Ok(()), None) => Arc::from(pending.original),
            (Err(why), _) => {
                if held.contains(&i) {
                    r.warnings.push(why);
                } else if !why.is_empty() {
                    r.error = Some(why);
                }
                // Nothing was fixed: report the findings of the file as it still is.
                checked = unfixed_check(&pending.file, &pending.original, &pending.settings);
                Arc::from(pending.original)
            }
        };
        // The findings left point into the text as it now is.
        r.fixed_count = checked.fixed_count;
        r.messages = report::messages(&r.path, &source, checked.findings);
    });
    // Files that only others' fixes edit (no finding of their own).
    for (k, (file, _, _)) in &incoming {
        if by_file.contains_key(k) || failed_files.contains(k) {
            continue;
        }
        let Some(Ok(Companioned {
            text,
            original,
            meta,
            ..
        })) = finals.get(k)
        else {
            continue;
        };
        let Some(r) = result_of
            .get(&walk::display_path(file))
            .map(|&i| &mut results[i])
        else {
            continue;
        };
        match mode {
            Mode::Diff => r.diff = Some(unified_diff(&r.path, original, text)),
            _ => {
                if let Err(e) = write_atomically(file, meta, text, leftovers) {
                    r.error = Some(format!("cannot write the fixed file: {e}"));
                    continue;
                }
                // Its findings were made on the text as it was: make them on the text written.
                if let Some(settings) = r.recheck.take() {
                    let checked = unfixed_check(file, text, &settings);
                    r.messages =
                        report::messages(&r.path, &Arc::from(text.as_str()), checked.findings);
                }
            }
        }
        r.edited_by_others = true;
    }
}

/// A file that other files' fixes edit, ready to write.
struct Companioned {
    /// With those edits, and its own fix on top when it has one.
    text: String,
    original: String,
    meta: std::fs::Metadata,
    /// Its own fix's check, made again on the edited text.
    checked: Option<Checked>,
}

/// The text of `file` with the edits of other files' fixes, and its own fix on top when it
/// has one (checked again on the edited text).
fn companion_text(
    file: &Path,
    edits: &[crate::edit::Edit],
    own: Option<&FileResult>,
) -> Result<Companioned, String> {
    let (bytes, meta) = read_file(file, u64::MAX)?;
    if read_only(&meta) {
        return Err("is read-only".into());
    }
    let original = decode(bytes)?;
    let edits = crate::edit::normalize(edits.to_vec())
        .map_err(|_| "gets overlapping edits from two fixes".to_string())?;
    let edited = crate::edit::apply(&original, &edits);
    let fe = frontend::for_path(file).ok_or("is not a file responsify reads")?;
    fe.verify(&original, &edited)
        .map_err(|why| format!("would not parse once its reads are fixed ({why})"))?;
    let (text, checked) = match own.and_then(|r| r.pending.as_ref()) {
        Some(pending) => {
            let checked = engine::check(fe, &edited, &pending.settings).map_err(|e| {
                format!(
                    "cannot be fixed once its reads are ({})",
                    describe(&edited, e)
                )
            })?;
            (checked.fixed.clone().unwrap_or(edited), Some(checked))
        }
        None => (edited, None),
    };
    Ok(Companioned {
        text,
        original,
        meta,
        checked,
    })
}

/// The findings of a file left as it was.
fn unfixed_check(file: &Path, text: &str, settings: &Settings) -> Checked {
    let unfixed = without_fixes(settings);
    frontend::for_path(file)
        .and_then(|fe| engine::check(fe, text, &unfixed).ok())
        .unwrap_or(Checked {
            findings: Vec::new(),
            fixed: None,
            fixed_count: 0,
            companions: Vec::new(),
        })
}

/// Pair `--output-format`s with `--output-file`s: the terminal gets the one format without
/// a file, or `full`.
#[allow(clippy::type_complexity)]
fn outputs(args: &CheckArgs) -> Result<(Option<Format>, Vec<(Format, PathBuf)>), String> {
    let files: Vec<(Format, PathBuf)> = args
        .output_format
        .iter()
        .copied()
        .zip(args.output_file.iter().cloned())
        .collect();
    if args.output_file.len() > args.output_format.len() {
        if args.output_format.is_empty() && args.output_file.len() == 1 {
            return Err("--output-file needs an --output-format to write".into());
        }
        return Err("every --output-file needs its own --output-format".into());
    }
    let rest = &args.output_format[files.len()..];
    match rest {
        [] => Ok((None, files)),
        [one] => Ok((Some(*one), files)),
        _ => Err(
            "only one --output-format can go to the terminal: give the others an --output-file"
                .into(),
        ),
    }
}

/// A progress bar for long runs on a terminal; never in CI logs or pipes.
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive || files < 500 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// `responsify report`: the findings of a tree as a report for a lead.
fn migration_report(args: &ReportArgs) -> Outcome {
    let overrides = Overrides {
        no_config: args.isolated,
        force_exclude: args.force_exclude,
        no_default_excludes: args.no_default_excludes,
        ..Overrides::default()
    };
    let resolver = Resolver::new(overrides, Settings::default());
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // The report's tables are over every finding, so they are all kept.
    let mut messages = Vec::new();
    let tree = match check_tree(&paths, &resolver, Mode::Check, false, None, &mut |r| {
        messages.extend(r.messages)
    }) {
        Ok(tree) => tree,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    let failed = tree.errors > 0;
    let title = "responsify migration report";
    // The HTML page holds the tables and the first requests; every finding goes to a JSON
    // file beside it (`report.html` -> `report.findings.json`), when the page goes to a file.
    let details = match (&args.output, args.format) {
        (Some(path), ReportFormat::Html) => Some(details_path(path)),
        _ => None,
    };
    if let Some(path) = &details {
        let text = crate::migration_report::details::json(&messages);
        if let Err(e) = std::fs::write(path, text) {
            error(format!("{}: {e}", path.display()));
            return Outcome::Error;
        }
    }
    let text = match args.format {
        ReportFormat::Html => {
            let name = details
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            crate::migration_report::html_with_details(&messages, title, name.as_deref())
        }
        ReportFormat::Markdown => crate::migration_report::markdown(&messages, title),
        ReportFormat::Json | ReportFormat::Csv => {
            let owners = crate::handoff::CodeOwners::find(Path::new("."));
            let rows = crate::handoff::rows(&messages, &owners);
            if args.format == ReportFormat::Json {
                crate::handoff::json(&rows)
            } else {
                crate::handoff::csv(&rows)
            }
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            let outcome = if failed {
                Outcome::Error
            } else {
                Outcome::Clean
            };
            return print_out(&text, outcome);
        }
    };
    if let Err(e) = written {
        error(e);
        return Outcome::Error;
    }
    if failed {
        Outcome::Error
    } else {
        Outcome::Clean
    }
}

/// The details file beside an HTML report: `report.html` -> `report.findings.json`.
fn details_path(page: &Path) -> PathBuf {
    let stem = page
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    page.with_file_name(format!("{stem}.findings.json"))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[allow(clippy::too_many_arguments)]
/// The counts the summary and the exit code need, kept as findings stream past.
#[derive(Default)]
struct Tally {
    findings: usize,
    safe: usize,
    unsafe_: usize,
    /// Notes on code left alone on purpose (`info`).
    notes: usize,
}

impl Tally {
    fn add(&mut self, messages: &[Message]) {
        for m in messages {
            self.findings += 1;
            match m.status {
                FixStatus::Safe => self.safe += 1,
                FixStatus::Unsafe => self.unsafe_ += 1,
                _ => {}
            }
            if m.severity == Severity::Info {
                self.notes += 1;
            }
        }
    }

    /// Whether any finding asks something of the user: notes never fail a run.
    fn needs_action(&self) -> bool {
        self.findings > self.notes
    }
}

/// Whether any finding asks something of the user: notes on code left alone on purpose
/// (`info`) never fail a run.
fn needs_action(messages: &[Message]) -> bool {
    messages.iter().any(|m| m.severity != Severity::Info)
}

fn summarize(
    err: &mut dyn Write,
    mode: Mode,
    tally: &Tally,
    (fixed, fixed_files, diffs): (usize, usize, usize),
    failed: bool,
    known: Option<usize>,
) {
    let (safe, unsafe_) = (tally.safe, tally.unsafe_);
    match mode {
        Mode::Fix if fixed > 0 => {
            let _ = writeln!(
                err,
                "Fixed {} in {}.",
                plural(fixed, "finding"),
                plural(fixed_files, "file")
            );
        }
        Mode::Diff => {
            let _ = writeln!(
                err,
                "Would fix {} in {}.",
                plural(fixed, "finding"),
                plural(diffs, "file")
            );
        }
        _ => {}
    }
    let notes = tally.notes;
    let actionable = tally.findings - notes;
    let noted = if notes > 0 {
        format!(
            "; {} on code left as it is on purpose",
            plural(notes, "note")
        )
    } else {
        String::new()
    };
    if actionable == 0 {
        if failed || (mode == Mode::Diff && diffs > 0) {
            return;
        }
        match known {
            Some(known) if known > 0 => {
                let _ = writeln!(err, "No new findings ({known} in the baseline){noted}.");
            }
            _ => {
                let _ = writeln!(err, "No Chat Completions usage left to migrate{noted}.");
            }
        }
        return;
    }
    let mut line = format!("Found {} left to migrate", plural(actionable, "finding"));
    if mode == Mode::Check && (safe > 0 || unsafe_ > 0) {
        let mut parts = Vec::new();
        if safe > 0 {
            parts.push(format!("{safe} fixable with `--fix`"));
        }
        if unsafe_ > 0 {
            parts.push(format!("{unsafe_} with `--fix --unsafe-fixes`"));
        }
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    let _ = writeln!(err, "{line}{noted}.");
}

/// `check --add-noqa[=REASON]`: a suppression comment above each line whose findings need a
/// person, naming their rules.
fn add_noqa(messages: &[Message], reason: &str, err: &mut dyn Write, failed: bool) -> Outcome {
    use std::collections::BTreeMap;
    let mut by_file: BTreeMap<&str, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    let mut elsewhere = 0;
    // Silencing `chat-completions-request` silences everything about its request, so the
    // findings that only wait on it need no comment of their own.
    let whole: std::collections::HashSet<(&str, usize)> = messages
        .iter()
        .filter(|m| m.rule == "chat-completions-request" && crate::handoff::needs_person(m))
        .filter_map(|m| Some((m.path.as_str(), m.request.as_ref()?.0.start)))
        .collect();
    for m in messages.iter().filter(|m| crate::handoff::needs_person(m)) {
        let waits = matches!(m.status, FixStatus::Blocked(_))
            && m.rule != "chat-completions-request"
            && m.request
                .as_ref()
                .is_some_and(|(span, _)| whole.contains(&(m.path.as_str(), span.start)));
        if waits {
            continue;
        }
        if report::split_cell(&m.path).1.is_some() || comment_prefix(Path::new(&m.path)).is_none() {
            elsewhere += 1;
            continue;
        }
        let rules = by_file
            .entry(&m.path)
            .or_default()
            .entry(m.start.0)
            .or_default();
        if !rules.contains(&m.rule) {
            rules.push(m.rule);
        }
    }
    let mut added = 0;
    let mut files = 0;
    let mut outcome = if failed {
        Outcome::Error
    } else {
        Outcome::Clean
    };
    for (path, lines) in &by_file {
        let prefix = comment_prefix(Path::new(path)).expect("filtered above");
        let read = std::fs::metadata(path)
            .and_then(|meta| std::fs::read_to_string(path).map(|text| (meta, text)));
        let (meta, text) = match read {
            Ok(read) => read,
            Err(e) => {
                error(format!("{path}: {e}"));
                outcome = Outcome::Error;
                continue;
            }
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut out = String::with_capacity(text.len() + 80 * lines.len());
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text.as_str()),
        };
        out.push_str(bom);
        for (i, line) in body.split_inclusive('\n').enumerate() {
            if let Some(rules) = lines.get(&(i + 1)) {
                let indent: String = line
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let reason = if reason.is_empty() {
                    String::new()
                } else {
                    format!(" -- {reason}")
                };
                out.push_str(&format!(
                    "{indent}{prefix} responsify: ignore[{}]{reason}{newline}",
                    rules.join(", ")
                ));
                added += 1;
            }
            out.push_str(line);
        }
        if let Err(e) = write_atomically(Path::new(path), &meta, &out, &Leftovers::default()) {
            error(format!("{path}: cannot write: {e}"));
            outcome = Outcome::Error;
            continue;
        }
        files += 1;
    }
    let _ = writeln!(
        err,
        "Added {} to {}.",
        plural(added, "suppression"),
        plural(files, "file")
    );
    if elsewhere > 0 {
        let _ = writeln!(
            err,
            "{} that need a person are in files without comments (JSON, notebooks, Markdown): use per-file-ignores or a baseline for them.",
            plural(elsewhere, "finding")
        );
    }
    outcome
}

/// How a line comment starts in the files `--add-noqa` writes to.
fn comment_prefix(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "py" | "pyi" => Some("#"),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" | "rs" => Some("//"),
        _ => None,
    }
}

/// A baseline entry nothing matches any more, as a finding for the machine-readable reports.
fn stale_message(entry: &crate::baseline::Entry) -> Message {
    Message {
        rule: "stale-baseline-entry",
        message: format!(
            "stale baseline entry: {} ({}): nothing matches it any more; rewrite the baseline with --write-baseline to prune it",
            entry.rule, entry.message
        ),
        path: entry.path.clone(),
        source: Arc::from(""),
        span: crate::model::Span::new(0, 0),
        start: (1, 1),
        end: (1, 1),
        severity: Severity::Error,
        help: None,
        fix_title: None,
        status: FixStatus::None,
        edits: Vec::new(),
        request: None,
        file_lines: None,
    }
}

/// Read a file the walk found. It is opened without blocking and checked to be a regular file
/// on the open handle, so a path swapped for a FIFO after the walk cannot hang the run; a
/// file removed since the walk is named as such. Returns the bytes and what the file was when
/// read (a fix is only written over that same file).
fn read_file(path: &Path, max: u64) -> Result<(Vec<u8>, std::fs::Metadata), String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "no longer exists (removed during the run); skipped".into(),
        _ => format!("cannot read: {e}; skipped"),
    })?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read: {e}; skipped"))?;
    if !meta.is_file() {
        return Err(format!(
            "{}, not a file responsify can read; skipped",
            walk::special_kind(meta.file_type())
        ));
    }
    if meta.len() > max {
        return Err(format!(
            "file is {} bytes, larger than the limit of {max} (--max-file-size); skipped",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}; skipped"))?;
    Ok((bytes, meta))
}

const BINARY: &str = "binary file (contains NUL bytes); skipped";

/// Binary and non-UTF-8 files are reported, never guessed at.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if walk::is_binary(&bytes) {
        return Err(BINARY.into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (at byte {}); skipped",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A file whose mode allows nobody to write it. `--fix` leaves it as it is, with a word, even
/// when the process could write it anyway (as root): making a file read-only is a choice.
fn read_only(meta: &std::fs::Metadata) -> bool {
    meta.permissions().readonly()
}

const READ_ONLY: &str =
    "read-only, so its fixes were not written (make it writable and run `--fix` again)";

/// The same settings, only checking.
fn without_fixes(settings: &Settings) -> Settings {
    let mut settings = settings.clone();
    settings.fix = false;
    settings
}

/// Check (or fix) one file of the run; `index` is its place in the run's files (see
/// `project::Project::known_quiet`).
fn check_file(
    candidate: &Candidate,
    index: usize,
    resolver: &Resolver,
    mode: Mode,
    project: &Arc<crate::project::Project>,
    leftovers: &Leftovers,
) -> Option<FileResult> {
    let path = &candidate.path;
    let shown = walk::display_path(path);
    let settings = match resolver.resolve(path) {
        Ok(resolved) => {
            let skipped = if candidate.explicit {
                resolver.force_exclude() && resolved.skips(path)
            } else {
                resolved.skips_walked(path)
            };
            if skipped {
                return None;
            }
            // Read already, for a question about names, and nothing in it for its front
            // end: checked, with nothing to find (the size limit still applies).
            if project
                .known_quiet(index)
                .is_some_and(|size| size <= resolved.base_max_file_size())
            {
                return Some(FileResult::new(shown));
            }
            let mut settings = resolved.for_file(path);
            settings.project = Some(Arc::clone(project));
            settings.path = Some(path.clone());
            settings.manifests_from = Some(path.clone());
            settings
        }
        Err(e) => return Some(FileResult::failed(shown, format!("configuration: {e}"))),
    };
    let settings = &settings;
    if frontend::is_notebook(path) {
        return Some(check_notebook(path, shown, settings, mode, leftovers));
    }
    let Some(fe) = frontend::for_path(path) else {
        if candidate.explicit {
            warning(format!(
                "{shown}: responsify does not read this kind of file; skipped"
            ));
        }
        return None;
    };
    let (bytes, meta) = match read_file(path, settings.max_file_size) {
        Ok(b) => b,
        Err(e) => return Some(FileResult::failed(shown, e)),
    };
    // A binary file is named even when it mentions nothing a front end looks for: it has a
    // source file's name, and skipping it without a word would hide that.
    if walk::is_binary(&bytes) {
        return Some(FileResult::failed(shown, BINARY));
    }
    if !walk::prefilter(fe, &bytes) {
        // Checked, and nothing to find.
        return Some(FileResult::new(shown));
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return Some(FileResult::failed(shown, e)),
    };
    let mut result = FileResult::new(shown);
    let keep = mode == Mode::Fix && read_only(&meta);
    let unfixed;
    let settings = if keep {
        result.warnings.push(READ_ONLY.into());
        unfixed = without_fixes(settings);
        &unfixed
    } else {
        settings
    };
    let mut checked = match engine::check(fe, &text, settings) {
        Ok(c) => c,
        Err(e) => {
            result.error = Some(describe(&text, e));
            return Some(result);
        }
    };
    // Only Python and TypeScript/JavaScript modules import one another: only their fixes
    // can reach other files, or be reached by another file's fix.
    let importable = crate::project::Project::is_importable(path);
    if mode != Mode::Check
        && importable
        && (checked.fixed.is_some() || !checked.companions.is_empty())
    {
        // Written (or shown) once the run has checked every file (`settle`): a fix may edit
        // other files too, which must be read as they were.
        result.pending = Some(Pending {
            file: path.clone(),
            meta,
            original: text,
            settings: settings.clone(),
            checked,
        });
        return Some(result);
    }
    if let Some(fixed) = &checked.fixed {
        match mode {
            Mode::Fix => {
                if let Err(e) = write_atomically(path, &meta, fixed, leftovers) {
                    result.error = Some(format!("cannot write the fixed file: {e}"));
                    // Nothing was fixed: report the findings of the file as it still is.
                    checked = unfixed_check(path, &text, settings);
                }
            }
            Mode::Diff => result.diff = Some(unified_diff(&result.path, &text, fixed)),
            Mode::Check => {}
        }
    }
    if mode != Mode::Check && checked.fixed.is_none() && !checked.findings.is_empty() {
        result.recheck = Some(settings.clone());
    }
    // In `--fix` the findings left are those of the fixed text, so they point into it.
    let source: Arc<str> = Arc::from(checked.fixed.take().unwrap_or(text));
    result.messages = report::messages(&result.path, &source, checked.findings);
    result.fixed_count = checked.fixed_count;
    Some(result)
}

fn check_notebook(
    path: &Path,
    shown: String,
    settings: &Settings,
    mode: Mode,
    leftovers: &Leftovers,
) -> FileResult {
    let mut result = FileResult::new(shown.clone());
    let (bytes, meta) = match read_file(path, settings.max_file_size) {
        Ok(b) => b,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    if walk::is_binary(&bytes) {
        result.error = Some(BINARY.into());
        return result;
    }
    if !walk::prefilter(&frontend::python::PYTHON, &bytes) {
        return result;
    }
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    let keep = mode == Mode::Fix && read_only(&meta);
    let unfixed = without_fixes(settings);
    if keep {
        result.warnings.push(READ_ONLY.into());
    }
    let mut checked = match crate::notebook::check(&text, if keep { &unfixed } else { settings }) {
        Ok(c) => c,
        Err(e) => {
            result.error = Some(describe(&text, e));
            return result;
        }
    };
    if let Some(fixed) = &checked.fixed {
        match mode {
            Mode::Fix => {
                if let Err(e) = write_atomically(path, &meta, fixed, leftovers) {
                    result.error = Some(format!("cannot write the fixed file: {e}"));
                    if let Ok(c) = crate::notebook::check(&text, &unfixed) {
                        checked = c;
                    } else {
                        checked.cells.clear();
                        checked.fixed_count = 0;
                    }
                    checked.fixed = None;
                }
            }
            Mode::Diff => result.diff = Some(unified_diff(&shown, &text, fixed)),
            Mode::Check => {}
        }
    }
    for ((number, code, findings), lines) in checked.cells.into_iter().zip(checked.file_lines) {
        let source: Arc<str> = Arc::from(code);
        let cell_path = format!("{shown}:cell {number}");
        let line = |l: usize| lines.get(l.saturating_sub(1)).copied().unwrap_or(1);
        result.messages.extend(
            report::messages(&cell_path, &source, findings)
                .into_iter()
                .map(|mut m| {
                    m.file_lines = Some((line(m.start.0), line(m.end.0)));
                    m
                }),
        );
    }
    result.fixed_count = checked.fixed_count;
    result
}

fn describe(text: &str, e: CheckError) -> String {
    match e {
        CheckError::Syntax(s) => {
            // The front ends parse the text without its byte order mark, so their positions
            // count from after it (and a column is the same without it).
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            let (line, col) = crate::edit::line_col(body, s.span.start);
            if s.refused {
                format!("{} (at {line}:{col}); skipped", s.message)
            } else {
                format!("syntax error at {line}:{col}: {}; skipped", s.message)
            }
        }
        CheckError::FixFailed(why) => format!("fix not applied, file left unchanged: {why}"),
    }
}

/// Where a fix of `name` writes before it renames: hidden, so no walk ever checks it, and
/// named after its file, so a later run can remove what a killed one left behind.
fn temp_prefix(name: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".responsify-tmp-");
    prefix
}

/// Write through a temporary file in the same directory and rename it over the original,
/// so a crash never leaves half a file; the original's permissions are kept. `read` is the
/// file as it was read: one that changed since (an editor saved it) is not overwritten. A
/// symlink is followed, so the link stays a link and its target gets the fix.
///
/// The temporary file is not synced before the rename (as formatters do): the rename is
/// what keeps a killed run from leaving half a file, and a sync per file made `--fix` on a
/// large tree several times slower than checking it (issue #15).
fn write_atomically(
    path: &Path,
    read: &std::fs::Metadata,
    text: &str,
    leftovers: &Leftovers,
) -> io::Result<()> {
    let path = std::fs::canonicalize(path)?;
    let now = std::fs::metadata(&path)?;
    if now.len() != read.len() || now.modified().ok() != read.modified().ok() {
        return Err(io::Error::other(
            "the file changed while responsify was fixing it; left as it is now",
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    let prefix = temp_prefix(name);
    leftovers.remove(dir, &prefix);
    let mut tmp = tempfile::Builder::new().prefix(&prefix).tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().set_permissions(now.permissions())?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// The temporary files an earlier run killed mid-write (`kill -9`) left, by directory. Each
/// directory is listed once per run, not once per file fixed in it (which cost a run time
/// growing with the square of a directory's size). The originals were never touched then,
/// so the leftovers hold nothing to keep.
#[derive(Default)]
struct Leftovers {
    by_dir: std::sync::Mutex<std::collections::HashMap<PathBuf, Vec<std::ffi::OsString>>>,
}

impl Leftovers {
    /// Remove the leftovers in `dir` of the file whose temporary names start with `prefix`.
    /// Only names listed before this run wrote anything there are candidates, so a
    /// temporary file of this run is never taken for one.
    fn remove(&self, dir: &Path, prefix: &std::ffi::OsStr) {
        let mut by_dir = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
        let names = by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| list_leftovers(dir));
        let prefix = prefix.as_encoded_bytes();
        names.retain(|name| {
            if !name.as_encoded_bytes().starts_with(prefix) {
                return true;
            }
            let _ = std::fs::remove_file(dir.join(name));
            false
        });
    }
}

/// The hidden temporary files of fixes in `dir` (see [`temp_prefix`]).
fn list_leftovers(dir: &Path) -> Vec<std::ffi::OsString> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let marker = b".responsify-tmp-";
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            bytes.starts_with(b".")
                && bytes.windows(marker.len()).any(|w| w == marker)
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.file_name())
        .collect()
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    decode(bytes)
}

fn check_stdin(args: &CheckArgs, format: Format, settings: &Settings, mode: Mode) -> Outcome {
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("stdin.json"));
    let Some(fe) = frontend::for_path(&name) else {
        error(format!(
            "{}: responsify cannot read this kind of file (--stdin-filename picks the language)",
            name.display()
        ));
        return Outcome::Error;
    };
    let text = match read_stdin() {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    let shown = name.to_string_lossy().into_owned();
    let checked = match engine::check(fe, &text, settings) {
        Ok(c) => c,
        Err(e) => {
            error(format!("{shown}: {}", describe(&text, e)));
            if mode == Mode::Fix {
                // The input goes through unchanged, so a pipeline loses nothing.
                return print_out(&text, Outcome::Error);
            }
            return Outcome::Error;
        }
    };
    let final_text = checked.fixed.clone().unwrap_or_else(|| text.clone());
    let source: Arc<str> = Arc::from(final_text.as_str());
    let messages: Vec<Message> = report::messages(&shown, &source, checked.findings);
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    // With --fix the fixed text owns stdout, so findings go to stderr.
    let findings_to_stderr = mode == Mode::Fix;
    let pending = mode == Mode::Diff && checked.fixed.is_some();
    let outcome = if args.exit_zero || (!needs_action(&messages) && !pending) {
        Outcome::Clean
    } else {
        Outcome::Findings
    };
    let written = match mode {
        Mode::Fix => write!(out, "{final_text}"),
        Mode::Diff if pending => write!(out, "{}", unified_diff(&shown, &text, &final_text)),
        Mode::Diff | Mode::Check => Ok(()),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        return write_failed(&e, outcome);
    }
    if mode != Mode::Diff {
        let (stream, color): (&mut dyn Write, bool) = if findings_to_stderr {
            (&mut err, use_color(io::stderr().is_terminal()))
        } else {
            (&mut out, use_color(io::stdout().is_terminal()))
        };
        let written = if args.statistics {
            report::write_statistics(&messages, format == Format::Json, stream)
        } else {
            report::write(format, &messages, color, stream)
        };
        if let Err(e) = written.and_then(|()| stream.flush()) {
            return write_failed(&e, outcome);
        }
    }
    outcome
}

fn explain(name: &str) -> Outcome {
    match rules::by_name(name) {
        Some(rule) => {
            let meta = rule.meta();
            let text = format!("# {}\n\n{}\n", meta.name, meta.documentation().trim_end());
            print_out(&text, Outcome::Clean)
        }
        None => {
            error(format!("unknown rule `{name}` (see `responsify rules`)"));
            Outcome::Error
        }
    }
}

fn list_rules(json: bool) -> Outcome {
    let all = rules::all();
    let mut out = String::new();
    if json {
        let items: Vec<_> = all
            .iter()
            .map(|r| {
                let m = r.meta();
                serde_json::json!({
                    "name": m.name,
                    "summary": m.summary,
                    "opt_in": m.opt_in,
                    "reviews_responses": m.reviews_responses,
                })
            })
            .collect();
        out += &serde_json::to_string_pretty(&items).expect("plain JSON");
        out.push('\n');
    } else {
        let width = all.iter().map(|r| r.meta().name.len()).max().unwrap_or(0);
        for r in all {
            let m = r.meta();
            let opt = if m.opt_in && !m.summary.contains("(opt-in)") {
                " (opt-in)"
            } else {
                ""
            };
            let review = if m.reviews_responses { " [R]" } else { "" };
            out += &format!("{:<width$}  {}{opt}{review}\n", m.name, m.summary);
        }
        if all.iter().any(|r| r.meta().reviews_responses) {
            out += "\n[R]: also reviews code already on the Responses API for what a migration left behind\n";
        }
    }
    print_out(&out, Outcome::Clean)
}

/// Pick JSON or JSON Lines for `convert`: by extension, else by whether the text is one
/// document.
fn convert_front_end(file: Option<&Path>, text: &str) -> &'static dyn FrontEnd {
    if let Some(fe) = file.and_then(frontend::for_path) {
        return fe;
    }
    if crate::frontend::json::parse_value(text, 0).is_ok() {
        &frontend::json::JSON
    } else {
        &frontend::json::JSON_LINES
    }
}

fn convert(args: &ConvertArgs) -> Outcome {
    let file = args.file.as_deref().filter(|p| p.as_os_str() != "-");
    let text = match file {
        Some(path) => read_file(path, u64::MAX).and_then(|(bytes, _)| decode(bytes)),
        None => read_stdin(),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return Outcome::Error;
        }
    };
    let shown = file.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    let fe = convert_front_end(file, &text);
    let mut settings = Settings::default();
    settings.fix = true;
    // `convert` writes no file: a person places what it prints. A conversion that is complete
    // but changes a named behaviour (a default, a model) is printed, and what it changed is
    // named on stderr with exit 1, so refusing is kept for what only a person can decide.
    // (`--unsafe-fixes` is still accepted; it changes nothing here.)
    let _ = args.unsafe_fixes;
    settings.unsafe_fixes = true;
    settings.store_policy = args.store_policy;
    // `convert` prints the body for a person to place: what it cannot see (the Batch's
    // `batches.create` call, the code reading the reply) is that person's to move.
    settings.preview_display_only = true;

    let body = text.trim_start_matches('\u{feff}');
    // The findings whose own fix is unsafe, on the text as given: the behaviours the printed
    // conversion may change.
    let taken: Vec<engine::Finding> = match engine::analyze(fe, body, &settings) {
        Ok(analysis)
            if analysis.units.iter().any(|u| {
                u.request.endpoint == crate::model::Endpoint::ChatCompletions
                    && u.verdict == crate::model::Verdict::Migrate
            }) =>
        {
            analysis
                .findings
                .into_iter()
                .filter(|f| {
                    f.status == FixStatus::Unsafe
                        && f.diagnostic
                            .fix
                            .as_ref()
                            .is_some_and(|fix| fix.applicability == Applicability::Unsafe)
                })
                .collect()
        }
        Ok(_) => {
            error(format!(
                "{shown}: no Chat Completions request found (a body needs `model` and `messages`; fine-tuning data, Batch output and Responses requests are left alone)"
            ));
            return Outcome::Error;
        }
        Err(e) => {
            error(format!(
                "{shown}: {}",
                describe(&text, CheckError::Syntax(e))
            ));
            return Outcome::Error;
        }
    };
    let checked = match engine::check(fe, &text, &settings) {
        Ok(c) => c,
        Err(e) => {
            error(format!("{shown}: {}", describe(&text, e)));
            return Outcome::Error;
        }
    };
    let final_text = checked.fixed.clone().unwrap_or_else(|| text.clone());
    let source: Arc<str> = Arc::from(final_text.as_str());
    let messages: Vec<Message> = report::messages(&shown, &source, checked.findings);
    let mut err = io::stderr().lock();
    let color = use_color(io::stderr().is_terminal());
    let _ = report::write(Format::Full, &messages, color, &mut err);
    // Notes (nothing to change) do not stop the conversion; anything else left does.
    let refused = messages
        .iter()
        .any(|m| m.status != FixStatus::None || m.severity == crate::diagnostic::Severity::Error);
    if refused {
        let _ = writeln!(
            err,
            "error: {shown}: not converted: the findings above need a person"
        );
        return Outcome::Findings;
    }
    if taken.is_empty() {
        return print_out(&final_text, Outcome::Clean);
    }
    let original: Arc<str> = Arc::from(body);
    for m in report::messages(&shown, &original, taken) {
        let fix = m.fix_title.as_deref().unwrap_or("fix");
        let _ = writeln!(
            err,
            "note[{}]: {shown}:{}:{}: converted with an unsafe fix ({fix}): {}",
            m.rule, m.start.0, m.start.1, m.message
        );
        if let Some(help) = &m.help {
            let _ = writeln!(err, "  help: {help}");
        }
    }
    let _ = writeln!(
        err,
        "warning: {shown}: converted; check the behaviours the notes above name before using it"
    );
    print_out(&final_text, Outcome::Findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that changed after it was read (an editor saved it mid-run) is not overwritten
    /// with the fix of its old text; a file removed since is not recreated.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.py");
        std::fs::write(&path, "old\n").unwrap();
        let (_, read) = read_file(&path, u64::MAX).unwrap();
        std::fs::write(&path, "newer text\n").unwrap();
        let err = write_atomically(&path, &read, "fixed\n", &Leftovers::default()).unwrap_err();
        assert!(
            err.to_string().contains("changed while responsify"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "newer text\n");
        let (_, read) = read_file(&path, u64::MAX).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(write_atomically(&path, &read, "fixed\n", &Leftovers::default()).is_err());
        assert!(!path.exists());
        assert_eq!(
            read_file(&path, u64::MAX).unwrap_err(),
            "no longer exists (removed during the run); skipped"
        );
    }
}
