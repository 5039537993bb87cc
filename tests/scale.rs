//! Per-file analysis is linear in the number of requests (issue 14): one file of 10,000
//! requests is checked in seconds in every front end, and the time per request at 10,000
//! is about what it is at 1,000. A run's peak memory does not grow with the number of files
//! it checks (issue 15): findings leave as each file is done.
//!
//! Times are the CPU time of the `responsify` process itself (user + system, from
//! `wait4`), with one thread: on a loaded two-core CI machine, wall-clock time mostly
//! measures the other jobs. Quadratic growth shows as ten times the time per request at
//! 10,000; the bound below is three times, so noise cannot fail it and a quadratic front
//! end cannot pass it.

use std::path::Path;
use std::process::{Command, Stdio};

/// One file of `n` requests in the language of `ext` (`jsonl`: a Batch input file).
fn many_requests(ext: &str, n: usize) -> String {
    let mut out = String::new();
    match ext {
        "ts" => {
            // The chat type import makes lowering need the syntax tree, the case that
            // parsed the file once per request.
            out += "import OpenAI from \"openai\";\nimport type { ChatCompletion } from \"openai/resources/chat/completions\";\nconst client = new OpenAI();\n";
            for i in 0..n {
                out += &format!("export async function f{i}(): Promise<string | null> {{\n  const r: ChatCompletion = await client.chat.completions.create({{ model: \"gpt-5.5\", messages: [{{ role: \"user\", content: \"q{i}\" }}], max_tokens: 10 }});\n  return r.choices[0].message.content;\n}}\n");
            }
        }
        "rs" => {
            out += "use async_openai::{types::chat::{CreateChatCompletionRequestArgs, ChatCompletionRequestUserMessageArgs}, Client};\n";
            for i in 0..n {
                out += &format!("async fn f{i}(client: &Client<async_openai::config::OpenAIConfig>) -> Result<String, Box<dyn std::error::Error>> {{\n    let request = CreateChatCompletionRequestArgs::default().model(\"gpt-5.5\").max_tokens(10u32).messages([ChatCompletionRequestUserMessageArgs::default().content(\"q{i}\").build()?.into()]).build()?;\n    let response = client.chat().create(request).await?;\n    Ok(response.choices[0].message.content.clone().unwrap_or_default())\n}}\n");
            }
        }
        "py" => {
            // Module level: the case that was quadratic in `method_references`.
            out += "from openai import OpenAI\nclient = OpenAI()\n";
            for i in 0..n {
                out += &format!("r{i} = client.chat.completions.create(model='gpt-5.5', messages=[{{'role': 'user', 'content': 'q{i}'}}], max_tokens=10)\nprint(r{i}.choices[0].message.content)\n");
            }
        }
        "jsonl" => {
            for i in 0..n {
                out += &format!("{{\"custom_id\": \"r{i}\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {{\"model\": \"gpt-5.5\", \"messages\": [{{\"role\": \"user\", \"content\": \"q{i}\"}}], \"max_tokens\": 10}}}}\n");
            }
        }
        other => panic!("no generator for .{other}"),
    }
    out
}

/// Check one file of `n` requests; the CPU seconds the process took. Asserts that every
/// request was found.
fn check_seconds(ext: &str, n: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("many.{ext}");
    std::fs::write(dir.path().join(&name), many_requests(ext, n)).unwrap();
    let (code, stdout, seconds, _) = run(dir.path(), &["-j", "1", &name]);
    assert_eq!(code, Some(1), "{ext}, {n} requests:\n{stdout}");
    let requests = stdout
        .lines()
        .filter(|l| l.contains(" chat-completions-request "))
        .count();
    assert_eq!(requests, n, "{ext}: requests reported");
    seconds
}

/// `responsify check --isolated --output-format concise ARGS` in `dir`: the exit code, the
/// output, the CPU seconds and the peak resident set size in KiB (0 where unknown).
/// Held for the whole of each test: this binary's tests would otherwise run in parallel, and a
/// run whose workers are descheduled by another test's work (its own runs, or the writing of
/// its tree) holds more memory (freed blocks wait longer to be reused) and takes more CPU
/// than it needs, which is what these tests measure.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// `check --isolated` with `args`, in the concise format unless `args` name another.
fn check_args<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check", "--isolated"];
    if !args.contains(&"--output-format") {
        all.extend(["--output-format", "concise"]);
    }
    all.extend(args);
    all
}

#[cfg(unix)]
// The child is reaped by `wait4` below, which clippy does not know.
#[allow(clippy::zombie_processes)]
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, f64, u64) {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(check_args(args))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    // `wait4`, not `Child::wait`: it also gives this child's own resource usage (other
    // tests of this binary run children of their own at the same time).
    let mut status = 0;
    // SAFETY: plain out-parameters for a child this process spawned and has not reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let code = std::process::ExitStatus::from_raw(status).code();
    // Linux counts ru_maxrss in KiB, macOS in bytes.
    let rss = usage.ru_maxrss as u64 / if cfg!(target_os = "macos") { 1024 } else { 1 };
    (code, stdout, cpu, rss)
}

#[cfg(not(unix))]
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, f64, u64) {
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(check_args(args))
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        seconds,
        0,
    )
}

/// CPU seconds for 10,000 requests in one file, in the debug build the tests use. The
/// slowest front end (Rust: syn builds a token stream for each span it is asked for) takes
/// about 9 s there; the others 1.5 to 3.5 s. A quadratic front end took minutes.
const TEN_THOUSAND_WITHIN: f64 = 20.0;

/// 1,000 and 10,000 requests, per front end: the larger file within its budget, and its
/// time per request at most three times that of the smaller one.
fn stays_linear(ext: &str) {
    let small = check_seconds(ext, 1_000);
    let large = check_seconds(ext, 10_000);
    eprintln!("{ext}: 1,000 requests {small:.2} s CPU, 10,000 requests {large:.2} s CPU");
    assert!(
        large <= TEN_THOUSAND_WITHIN,
        "{ext}: 10,000 requests took {large:.2} s of CPU"
    );
    // A floor under the small run, so start-up noise on a tiny time cannot fail it.
    let per_small = small.max(0.2) / 1_000.0;
    let per_large = large / 10_000.0;
    assert!(
        per_large <= 3.0 * per_small,
        "{ext}: {:.3} ms per request at 1,000, {:.3} ms at 10,000",
        per_small * 1e3,
        per_large * 1e3
    );
}

#[test]
fn python_module_level_requests_scale_linearly() {
    let _alone = alone();
    stays_linear("py");
}

#[test]
fn typescript_requests_scale_linearly() {
    let _alone = alone();
    stays_linear("ts");
}

#[test]
fn rust_requests_scale_linearly() {
    let _alone = alone();
    stays_linear("rs");
}

#[test]
fn batch_lines_scale_linearly() {
    let _alone = alone();
    stays_linear("jsonl");
}

/// A tree of `n` small request bodies, 100 to a directory, each drawing the same findings.
fn tree_of_requests(root: &Path, n: usize) {
    for i in 0..n {
        let dir = root.join(format!("d{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        std::fs::write(
            dir.join(format!("r{i}.json")),
            format!("{{\"model\": \"gpt-5.5\", \"messages\": [{{\"role\": \"user\", \"content\": \"question {i}: {}\"}}], \"max_tokens\": 10}}\n", "a fairly long question text ".repeat(8)),
        )
        .unwrap();
    }
}

/// Check the tree at `dir` with two threads and `args` after `check`: (lines printed, peak
/// RSS in KiB). The least peak of three runs: what the run must hold. A run's peak only
/// grows with noise (a worker descheduled while the other goes on, freed blocks not yet
/// reused), and one such run was enough to make the comparisons below flaky.
fn tree_rss(dir: &Path, args: &[&str]) -> (usize, u64) {
    let mut least = u64::MAX;
    let mut lines = 0;
    for _ in 0..3 {
        let (code, stdout, _, rss) = run(dir, &[&["-j", "2", "."], args].concat());
        assert_eq!(code, Some(1), "{args:?}");
        lines = stdout.lines().count();
        least = least.min(rss);
    }
    (lines, least)
}

/// Ten times the files (20,000, with 80,000 findings) takes about the memory of 2,000: the
/// findings of a file are written when it is done and then dropped. When every finding was
/// held to the end, the larger tree took 84 MiB more (124 MiB against 40, about 1 KiB a
/// finding); the bound leaves room for the allocator's noise and the walk's list of paths,
/// not for that. `--statistics` counts each file's findings as it is done, and keeps none.
///
/// A report that is one document (SARIF) keeps the findings, but writes its results one at
/// a time: a tree of the whole log took ten times the findings' own memory.
#[test]
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn peak_memory_does_not_grow_with_the_number_of_files() {
    let _alone = alone();
    let (small_dir, large_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    tree_of_requests(small_dir.path(), 2_000);
    tree_of_requests(large_dir.path(), 20_000);
    let (small_findings, small) = tree_rss(small_dir.path(), &[]);
    let (large_findings, large) = tree_rss(large_dir.path(), &[]);
    eprintln!(
        "2,000 files: {small_findings} findings, {} MiB peak; 20,000 files: {large_findings} findings, {} MiB peak",
        small / 1024,
        large / 1024
    );
    assert_eq!(
        large_findings,
        10 * small_findings,
        "every file's findings reported"
    );
    assert!(small_findings >= 2 * 2_000, "each file draws findings");
    assert!(
        large <= small + 16 * 1024,
        "peak RSS {} MiB at 20,000 files, {} MiB at 2,000",
        large / 1024,
        small / 1024
    );
    let (rules, statistics) = tree_rss(large_dir.path(), &["--statistics"]);
    assert!(rules >= 4, "a line per rule:  {rules}");
    assert!(
        statistics <= small + 16 * 1024,
        "--statistics: peak RSS {} MiB at 20,000 files, {} MiB for the findings of 2,000",
        statistics / 1024,
        small / 1024
    );
    let (_, sarif) = tree_rss(large_dir.path(), &["--output-format", "sarif"]);
    eprintln!("20,000 files as SARIF: {} MiB peak", sarif / 1024);
    assert!(
        sarif <= large + 2 * 1024 * large_findings as u64 / 1024,
        "SARIF: peak RSS {} MiB for {large_findings} findings, {} MiB streamed",
        sarif / 1024,
        large / 1024
    );
}

/// Output crosses the batches the run checks files in (512 at a time) in walk order: on
/// 1,300 files, with unreadable ones among them, `-j 1` and `-j 2` streaming, and `-j 2`
/// gathering every finding first (a report file is also written), print the same bytes.
#[test]
fn streamed_output_is_walk_order_across_batches() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    tree_of_requests(dir.path(), 1_300);
    for i in [7, 600, 1_250] {
        let d = dir.path().join(format!("d{:03}", i / 100));
        std::fs::write(
            d.join(format!("broken{i}.json")),
            "{\"model\": \"m\", \"messages\": [\n",
        )
        .unwrap();
    }
    let report = dir.path().join("out.sarif");
    let report = report.to_str().unwrap();
    let concise = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_responsify"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(["check", "--isolated"])
            .args(extra)
            .output()
            .unwrap();
        (out.stdout, out.stderr, out.status.code())
    };
    let streamed_1 = concise(&["-j", "1", "--output-format", "concise", "."]);
    let streamed_2 = concise(&["-j", "2", "--output-format", "concise", "."]);
    let gathered = concise(&[
        "-j",
        "2",
        "--output-format",
        "sarif",
        "--output-file",
        report,
        "--output-format",
        "concise",
        ".",
    ]);
    let text = String::from_utf8_lossy(&streamed_1.0);
    assert_eq!(streamed_1.2, Some(2), "broken files fail the run");
    assert_eq!(
        text.lines().count(),
        1_300 * 5,
        "{}",
        String::from_utf8_lossy(&streamed_1.1)
    );
    // Walk order: the files' names sorted as paths.
    let files: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
    assert!(files == sorted, "findings out of walk order");
    assert!(streamed_1 == streamed_2, "-j 1 and -j 2 differ");
    assert!(
        streamed_1.0 == gathered.0,
        "streamed and gathered findings differ"
    );
    assert_eq!(streamed_1.2, gathered.2);
}
