//! Per-file analysis is linear in the number of requests (issue 14): one file of 10,000
//! requests is checked in seconds in every front end, and the time per request at 10,000
//! is about what it is at 1,000.
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
    let (code, stdout, seconds) = run(dir.path(), &name);
    assert_eq!(code, Some(1), "{ext}, {n} requests:\n{stdout}");
    let requests = stdout
        .lines()
        .filter(|l| l.contains(" chat-completions-request "))
        .count();
    assert_eq!(requests, n, "{ext}: requests reported");
    seconds
}

#[cfg(unix)]
// The child is reaped by `wait4` below, which clippy does not know.
#[allow(clippy::zombie_processes)]
fn run(dir: &Path, name: &str) -> (Option<i32>, String, f64) {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--isolated",
            "-j",
            "1",
            "--output-format",
            "concise",
            name,
        ])
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
    (code, stdout, cpu)
}

#[cfg(not(unix))]
fn run(dir: &Path, name: &str) -> (Option<i32>, String, f64) {
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--isolated",
            "-j",
            "1",
            "--output-format",
            "concise",
            name,
        ])
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        seconds,
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
    stays_linear("py");
}

#[test]
fn typescript_requests_scale_linearly() {
    stays_linear("ts");
}

#[test]
fn rust_requests_scale_linearly() {
    stays_linear("rs");
}

#[test]
fn batch_lines_scale_linearly() {
    stays_linear("jsonl");
}
