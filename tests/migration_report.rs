//! `responsify report` end to end: the binary writes the report of a small repo, and headless
//! Chromium renders it, so the charts are checked in the DOM a browser builds and a screenshot
//! shows what a lead sees.
//!
//! The screenshot is kept at `target/tmp/migration_report/report.png` (with the page beside it
//! as `report.html`) for a person to look at. To render any report by hand:
//! `tests/report/screenshot.sh report.html`.
//!
//! Chromium does not ship with the repo (`apt-get install -y chromium`; `CHROMIUM=/path`
//! picks another build). Without it the browser test skips with a loud message, unless
//! RESPONSIFY_REQUIRE_ORACLES is set (CI sets it), when it fails.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::skip;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let mut candidates = vec![PathBuf::from("/usr/bin/chromium")];
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                candidates.push(dir.join(name));
            }
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// A repo with a blocked request (`n: 2`), a fixable one, and a Python call with its read.
fn write_repo(dir: &Path) {
    let files: &[(&str, &str)] = &[
        (
            "requests/multi.json",
            r#"{"model": "gpt-5.5", "messages": [{"role": "user", "content": "hi"}], "n": 2}
"#,
        ),
        (
            "requests/classify.json",
            r#"{
  "model": "gpt-5-mini",
  "messages": [
    {"role": "system", "content": "Classify the ticket: <billing|bug|other>."},
    {"role": "user", "content": "I was charged twice"}
  ],
  "max_tokens": 64
}
"#,
        ),
        (
            "app/chat.py",
            "from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n",
        ),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn responsify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_responsify"))
        .args(args)
        .output()
        .expect("run responsify")
}

/// Run `responsify report` on a fresh repo; returns (repo dir guard, report path).
fn report(format: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    write_repo(&repo);
    let out = tmp.path().join(name);
    let run = responsify(&[
        "report",
        repo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        format,
    ]);
    // Findings remain, which is what the report is about: 0, or 1 like `check`; never 2.
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "responsify report failed ({:?}):\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.is_file(), "no report written to {}", out.display());
    (tmp, out)
}

/// Run Chromium headless on `url` with `extra` flags, stdout into a file; killed after 90 s.
fn run_chromium(bin: &Path, extra: &[String], url: &str, stdout: &Path) -> String {
    run_chromium_timed(bin, extra, url, stdout).0
}

/// [`run_chromium`], with how long Chromium ran.
fn run_chromium_timed(
    bin: &Path,
    extra: &[String],
    url: &str,
    stdout: &Path,
) -> (String, Duration) {
    let started = Instant::now();
    let profile = tempfile::tempdir().unwrap();
    let stderr_path = profile.path().with_extension("stderr");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(File::create(stdout).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s ({extra:?})");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = started.elapsed();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_path);
    assert!(status.success(), "chromium failed ({status}):\n{stderr}");
    (stderr, took)
}

/// The element `<svg ... data-chart="NAME" ...>...</svg>` in a serialized DOM.
fn chart<'d>(dom: &'d str, name: &str) -> &'d str {
    let marker = format!("data-chart=\"{name}\"");
    let at = dom
        .find(&marker)
        .unwrap_or_else(|| panic!("the rendered page has no chart {name}"));
    let start = dom[..at].rfind("<svg").expect("data-chart on an <svg>");
    assert!(
        dom[start..at].contains("class=\"chart"),
        "chart {name} is not an svg.chart"
    );
    let end = at + dom[at..].find("</svg>").expect("closed svg") + "</svg>".len();
    &dom[start..end]
}

/// `(data-bar, width)` of every `<rect data-bar>` in a chart (width in user units or %).
fn bars(svg: &str) -> Vec<(String, f64)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let i = tag.find(&key)? + key.len();
        Some(tag[i..i + tag[i..].find('"')?].to_string())
    };
    svg.match_indices("<rect")
        .filter_map(|(i, _)| {
            let tag = &svg[i..i + svg[i..].find('>').unwrap()];
            let key = attr(tag, "data-bar")?;
            let width = attr(tag, "width").expect("a bar has a width");
            let width: f64 = width.trim_end_matches('%').parse().expect("numeric width");
            Some((key, width))
        })
        .collect()
}

#[test]
fn html_report_renders_in_chromium() {
    let _oracle = common::oracle("html_report_renders_in_chromium");
    let (tmp, html) = report("html", "report.html");
    let page = std::fs::read_to_string(&html).unwrap();
    // Self-contained: nothing to run, nothing to fetch.
    for bad in [
        "<script",
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
        "<link",
    ] {
        assert!(!page.contains(bad), "the report contains {bad:?}");
    }

    let Some(bin) = chromium() else {
        skip(
            "the migration report in Chromium",
            "no chromium (apt-get install -y chromium)",
        );
        return;
    };
    let url = format!("file://{}", html.display());

    // The DOM the browser builds.
    let dom_path = tmp.path().join("dom.html");
    run_chromium(&bin, &["--dump-dom".into()], &url, &dom_path);
    let dom = std::fs::read_to_string(&dom_path).unwrap();
    assert!(dom.contains("</html>"), "no DOM dumped:\n{dom}");

    let by_rule = bars(chart(&dom, "by-rule"));
    assert!(
        by_rule.iter().any(|(_, w)| *w > 0.0),
        "no bar with a width in the by-rule chart: {by_rule:?}"
    );
    let rules: Vec<&str> = by_rule.iter().map(|(r, _)| r.as_str()).collect();
    for rule in ["chat-completions-request", "n-parameter", "choices-read"] {
        assert!(rules.contains(&rule), "no bar for {rule}: {rules:?}");
    }
    assert!(by_rule.iter().all(|(_, w)| *w > 0.0), "{by_rule:?}");

    let languages = bars(chart(&dom, "by-language"));
    let names: Vec<&str> = languages.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        names.contains(&"JSON") && names.contains(&"Python"),
        "{names:?}"
    );
    assert!(languages.iter().all(|(_, w)| *w > 0.0), "{languages:?}");

    let fixability = bars(chart(&dom, "fixability"));
    let parts: Vec<&str> = fixability.iter().map(|(k, _)| k.as_str()).collect();
    assert!(parts.contains(&"safe"), "nothing safe to fix? {parts:?}");
    assert!(
        parts.contains(&"person"),
        "the `n: 2` request needs a person: {parts:?}"
    );
    let sum: f64 = fixability.iter().map(|(_, w)| w).sum();
    assert!((sum - 100.0).abs() < 0.5, "the parts fill the bar: {sum}");

    let dirs = bars(chart(&dom, "by-dir"));
    let dirs: Vec<&str> = dirs.iter().map(|(d, _)| d.as_str()).collect();
    assert!(
        dirs.contains(&"requests/") && dirs.contains(&"app/"),
        "{dirs:?}"
    );

    // What blocks the rest, and the findings with their code.
    assert!(dom.contains("What blocks the rest"));
    assert!(dom.contains("n-parameter"));
    assert!(
        dom.contains("<mark>r.choices[0].message.content</mark>"),
        "no highlighted span"
    );
    // Source text stays text: the `<billing|bug|other>` in a prompt is not markup.
    assert!(dom.contains("&lt;billing|bug|other&gt;"));
    // One card per request: the `n: 2` body is one card, first (it needs a person), listing
    // its findings and what blocks it.
    let cards: Vec<&str> = dom.split("<details class=\"file req\"").skip(1).collect();
    assert_eq!(cards.len(), 3, "three requests, three cards");
    let multi = cards[0];
    assert!(multi.contains("requests/multi.json:1"), "{multi}");
    assert!(multi.contains("data-status=\"person\""), "{multi}");
    assert!(multi.contains("What blocks it:"), "{multi}");
    let findings = multi.matches("<div class=\"finding\"").count();
    assert!(
        findings >= 3,
        "the request's findings are on its card: {findings}"
    );
    assert!(multi.contains("data-rule=\"n-parameter\""));
    assert!(cards[1..]
        .iter()
        .all(|c| !c.contains("data-rule=\"n-parameter\"")));
    // Every finding is in the JSON file beside the page too.
    let details: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(html.with_file_name("report.findings.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(details["requests"], 3);
    assert!(dom.contains("href=\"report.findings.json\""));

    // The screenshot, kept for people to look at.
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("migration_report");
    std::fs::create_dir_all(&keep).unwrap();
    let png = keep.join("report.png");
    let _ = std::fs::remove_file(&png);
    std::fs::copy(&html, keep.join("report.html")).unwrap();
    run_chromium(
        &bin,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2000".into(),
        ],
        &url,
        &tmp.path().join("screenshot.out"),
    );
    let bytes =
        std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 10 * 1024,
        "the screenshot is nearly empty ({} bytes): {}",
        bytes.len(),
        png.display()
    );
}

#[test]
fn markdown_report() {
    let (_tmp, md) = report("markdown", "report.md");
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with("# "), "{md}");
    assert!(md.contains("## What blocks the rest"), "{md}");
    assert!(md.contains("| Files touched | 3 |"), "{md}");
    // Three requests: the two JSON bodies and the Python call.
    assert!(
        md.contains("| Requests & flagged sites | 3 (3 to migrate, 0 flagged) |"),
        "{md}"
    );
    let row = |first: &str| {
        md.lines()
            .find(|l| l.starts_with(first))
            .map(str::to_string)
    };
    let request = row("| `chat-completions-request` | 3 |");
    assert!(request.is_some(), "{md}");
    assert!(row("| `n-parameter` | 1 |").is_some(), "{md}");
    assert!(
        row("| JSON |").is_some() && row("| Python |").is_some(),
        "{md}"
    );
    assert!(md.contains("&lt;billing\\|bug\\|other&gt;") || md.contains("<billing|bug|other>"));
}

/// A generated tree of `files` files: Python modules of four requests each (one blocked by
/// `n`), and every tenth file a Batch input of 20 lines.
fn write_large_repo(dir: &Path, files: usize) {
    for i in 0..files {
        let (name, text) = if i % 10 == 9 {
            let lines: String = (0..20)
                .map(|l| {
                    format!(
                        "{{\"custom_id\": \"{i}-{l}\", \"method\": \"POST\", \"url\": \
                         \"/v1/chat/completions\", \"body\": {{\"model\": \"gpt-5-mini\", \
                         \"messages\": [{{\"role\": \"user\", \"content\": \"q{l}\"}}], \
                         \"max_tokens\": 50}}}}\n"
                    )
                })
                .collect();
            (format!("batches/b{}/in_{i}.jsonl", i % 13), lines)
        } else {
            let mut py = String::from("from openai import OpenAI\n\nclient = OpenAI()\n");
            for j in 0..4 {
                let n = if j == 3 { ", n=2" } else { "" };
                py += &format!(
                    "\n\ndef ask_{j}(q):\n    r = client.chat.completions.create(model=\"gpt-5.5\", \
                     messages=[{{\"role\": \"system\", \"content\": \"be brief\"}}, \
                     {{\"role\": \"user\", \"content\": q}}], max_tokens=100{n})\n    \
                     return r.choices[0].message.content\n"
                );
            }
            (format!("svc/s{}/pkg{}/mod_{i}.py", i % 17, i % 5), py)
        };
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The report of a tree of a few thousand files stays small and quick to render: the page
/// holds aggregate tables and the first request cards, states the total, and every finding is
/// in the JSON file beside it. (A page of every finding was about 550 bytes per finding before
/// code frames, 64 MB on the shared 20,000-file corpus, and took Chromium minutes.)
#[test]
fn html_report_of_a_large_tree_is_small_and_renders_in_seconds() {
    let _oracle = common::oracle("html_report_of_a_large_tree_is_small_and_renders_in_seconds");
    const FILES: usize = 3000;
    /// The page's bound, whatever the tree: the issue's goal is 10 MB on 20,000 files.
    const MAX_PAGE: u64 = 4 * 1024 * 1024;
    /// How much longer than a blank page Chromium may take to load and lay out the report.
    const MAX_RENDER: Duration = Duration::from_secs(10);
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    write_large_repo(&repo, FILES);
    let page = tmp.path().join("large.html");
    let run = responsify(&[
        "report",
        repo.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let size = std::fs::metadata(&page).unwrap().len();
    let details_path = tmp.path().join("large.findings.json");
    let details: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&details_path).unwrap()).unwrap();
    let findings = details["findings"].as_u64().unwrap();
    let requests = details["by_request"].as_array().unwrap();
    // 2,700 Python files of 4 requests, 300 Batch files of 20 lines.
    assert_eq!(requests.len(), 2700 * 4 + 300 * 20);
    let listed: usize = requests
        .iter()
        .map(|r| r["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed as u64, findings);
    assert!(findings > 50_000, "{findings}");
    assert!(
        size < MAX_PAGE,
        "the page is {size} bytes for {findings} findings (bound {MAX_PAGE})"
    );
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains(&format!("data-total-findings=\"{findings}\"")));
    assert!(text.contains(&format!("data-total-requests=\"{}\"", requests.len())));

    let Some(bin) = chromium() else {
        skip(
            "the large migration report in Chromium",
            "no chromium (apt-get install -y chromium)",
        );
        return;
    };
    // Chromium's own start-up, on a blank page, is not the report's cost.
    let blank = tmp.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>blank</title>").unwrap();
    let (_, base) = run_chromium_timed(
        &bin,
        &["--dump-dom".into()],
        &format!("file://{}", blank.display()),
        &tmp.path().join("blank.dom"),
    );
    let dom_path = tmp.path().join("large.dom");
    let (_, took) = run_chromium_timed(
        &bin,
        &["--dump-dom".into()],
        &format!("file://{}", page.display()),
        &dom_path,
    );
    let dom = std::fs::read_to_string(&dom_path).unwrap();
    assert!(dom.contains("</html>"), "no DOM dumped");
    let cards = dom.matches("<details class=\"file req\"").count();
    assert!(cards > 0 && cards < requests.len(), "{cards} cards");
    assert!(
        took.saturating_sub(base) < MAX_RENDER,
        "Chromium took {took:?} on the report, {base:?} on a blank page"
    );
}
