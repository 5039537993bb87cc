//! Units beyond one function, through the binary: a result a helper returns is followed into
//! its callers in the file, and the run's other files decide whether that is all of them.

mod common;

use common::repo;
use std::fs;

const HELPER: &str = r#"from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )


def answer(question):
    completion = ask(question)
    return completion.choices[0].message.content


print(answer("Capital of France?"))
print(ask("Capital of Spain?").usage.prompt_tokens)
"#;

fn check(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let out = common::bin()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    // What it printed, then what it said on stderr (warnings about fixes held back).
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_helpers_callers_in_its_file_migrate_with_the_call() {
    let dir = repo(&[("app.py", HELPER)]);
    let (code, out) = check(&dir, &["--fix"]);
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(fixed.contains("client.responses.create("), "{fixed}");
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
    assert!(
        fixed.contains(r#"ask("Capital of Spain?").usage.input_tokens"#),
        "{fixed}"
    );
    assert!(!fixed.contains("choices"), "{fixed}");
    assert_eq!(code, 0, "{out}");
    // Converged: a second run has nothing left.
    let (again, out) = check(&dir, &["--fix"]);
    assert_eq!(again, 0, "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        fixed
    );
}

#[test]
fn a_caller_in_another_file_migrates_with_the_helper() {
    let caller = "from app import ask\n\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("tools/use_it.py", caller)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("tools/use_it.py")).unwrap(),
        "from app import ask\n\nprint(ask('hi').output_text)\n"
    );
    assert!(fs::read_to_string(dir.path().join("app.py"))
        .unwrap()
        .contains("client.responses.create("));
}

#[test]
fn a_caller_in_another_file_that_cannot_be_fixed_keeps_every_file_as_it_was() {
    // The reads parse, but the import is shadowed: the unit's sight ends there.
    let caller =
        "from app import ask\n\nask = print\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("tools/use_it.py", caller)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`ask` hands the result to callers in tools/use_it.py, where `ask` is imported, and the name is bound again in the file"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        HELPER
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tools/use_it.py")).unwrap(),
        caller
    );
}

#[test]
fn a_read_only_caller_holds_back_the_helpers_fix() {
    let caller = "from app import ask\n\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("use_it.py", caller)]);
    let path = dir.path().join("use_it.py");
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let out = common::bin()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not fixed: the fix also edits use_it.py, which is read-only"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        HELPER
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), caller);
}

/// Each folder of `testdata/projects` is a small repository: its findings and the diff of
/// `--fix --unsafe-fixes` (every file it changes) are snapshotted; the fix converges in one
/// run; a `decoy-*` project keeps every byte, and its finding names where sight is lost.
#[test]
fn project_fixtures() {
    let root = common::testdata().join("projects");
    for project in common::sorted_entries(&root) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&project, dir.path());
        let before = tree_text(dir.path());
        // The full format, for the help that names the other files a fix edits.
        let full = common::bin()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--output-format", "full", "."])
            .output()
            .unwrap();
        let findings = String::from_utf8_lossy(&full.stdout).into_owned();
        let (_, diff) = check(&dir, &["--diff", "--unsafe-fixes"]);
        insta::with_settings!({ snapshot_path => "snapshots/projects", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name.clone(), format!("# check\n{findings}\n# check --diff --unsafe-fixes\n{diff}"));
        });
        let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
        if name.starts_with("decoy-") {
            assert_eq!(code, 1, "{name}: {out}");
            assert!(
                out.contains("cannot see all of this request") || out.contains("not fixed: "),
                "{name}: the finding or the warning says why: {out}"
            );
            assert_eq!(
                tree_text(dir.path()),
                before,
                "{name}: a decoy keeps every byte"
            );
        } else {
            assert_eq!(code, 0, "{name}: {out}");
            assert_ne!(tree_text(dir.path()), before, "{name}");
            let (_, again) = check(&dir, &["--diff", "--unsafe-fixes"]);
            assert!(
                !again.contains("---"),
                "{name}: a second run changes nothing: {again}"
            );
        }
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file of the tree with its text, in order.
fn tree_text(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    for entry in common::sorted_entries(dir) {
        if entry.is_dir() {
            out.extend(tree_text(&entry));
        } else {
            out.push((
                entry.clone(),
                fs::read_to_string(&entry).unwrap_or_default(),
            ));
        }
    }
    out
}

#[test]
fn a_public_helper_of_a_package_is_an_unsafe_fix() {
    let dir = repo(&[("pkg/__init__.py", ""), ("pkg/app.py", HELPER)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`ask` is public in a package"),
        "the caveat is named: {out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("pkg/app.py")).unwrap(),
        HELPER
    );
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("pkg/app.py")).unwrap();
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
}

#[test]
fn a_helper_read_from_stdin_keeps_its_callers_out_of_sight() {
    // No run, no other files in view: the result handed on stays out of sight.
    let out = common::bin()
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "--stdin-filename",
            "app.py",
            "-",
        ])
        .write_stdin(HELPER)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`ask` hands the result to callers, and other files are not in view"),
        "{text}"
    );
}

#[test]
fn only_a_python_file_naming_the_helper_and_its_module_can_call_it() {
    // Another module with its own `ask`, a notebook and a document that name it: none of
    // them imports `app`.
    let other = "def ask(q):\n    return q\n";
    let notebook = r#"{"cells": [{"cell_type": "code", "source": ["ask('x')"], "metadata": {}, "outputs": [], "execution_count": null}], "metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}"#;
    let dir = repo(&[
        ("app.py", HELPER),
        ("other.py", other),
        ("notes.ipynb", notebook),
        ("README.md", "Call `ask` from app.py.\n"),
    ]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
    assert_eq!(
        fs::read_to_string(dir.path().join("other.py")).unwrap(),
        other
    );
}

#[test]
fn a_module_level_value_another_module_imports_is_not_rewritten_under_it() {
    let app = r#"from openai import OpenAI

client = OpenAI()
TOOLS = [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object", "properties": {}}}}]

reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], tools=TOOLS)
for call in reply.choices[0].message.tool_calls or []:
    print(call.function.name)
"#;
    // Another module sends the same list to its own Chat Completions call.
    let other = "from openai import OpenAI\nfrom app import TOOLS\n\nOpenAI().chat.completions.create(model='m', messages=[], tools=TOOLS)\n";
    let dir = repo(&[("app.py", app), ("other.py", other)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the fix rewrites `TOOLS`, and other.py:2 names it too"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.path().join("app.py")).unwrap(), app);
    // Alone, the same file migrates with its list.
    let dir = repo(&[("app.py", app)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(
        fixed.contains(r#""name": "weather""#) && !fixed.contains(r#""function": {"#),
        "{fixed}"
    );
}

/// The TypeScript projects, fixed, type-check under `tsc --strict` against the `openai` npm
/// package (oracle/node_modules, from ci/node-e2e.sh): the importers' reads are the
/// Responses SDK's, not merely text that looks right.
#[test]
fn typescript_projects_type_check_once_fixed() {
    let _oracle = common::oracle("tsc --strict (multi-file TypeScript projects)");
    let modules = common::root().join("oracle").join("node_modules");
    for needed in ["openai", "typescript"] {
        if !modules.join(needed).is_dir() {
            return common::skip(
                "the TypeScript project type check",
                &format!("oracle/node_modules/{needed} is missing (ci/node-e2e.sh)"),
            );
        }
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        return common::skip("the TypeScript project type check", "node is not installed");
    }
    let root = common::testdata().join("projects");
    let mut checked = 0;
    for project in common::sorted_entries(&root) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("ts-") {
            continue;
        }
        let dir = tempfile::Builder::new()
            .prefix("tsc-project-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        copy_tree(&project, dir.path());
        let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
        assert_eq!(code, 0, "{name}: {out}");
        std::os::unix::fs::symlink(&modules, dir.path().join("node_modules")).unwrap();
        fs::write(
            dir.path().join("tsconfig.json"),
            r#"{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022",
                "module": "esnext", "moduleResolution": "bundler", "skipLibCheck": true},
                "include": ["src"]}"#,
        )
        .unwrap();
        let tsc = modules.join("typescript").join("lib").join("tsc.js");
        let run = std::process::Command::new("node")
            .arg(tsc)
            .args(["-p", "tsconfig.json", "--pretty", "false"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: the fixed project does not type-check:\n{}",
            String::from_utf8_lossy(&run.stdout)
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "no TypeScript project fixture was type-checked"
    );
}

/// A Batch pipeline is written whole or not at all: when its `.jsonl` file cannot be written
/// (read-only), neither the `batches.create` nor the reader of its output changes.
#[test]
fn a_read_only_batch_file_holds_back_its_pipeline() {
    let submit = r#"from openai import OpenAI

from results import print_replies

client = OpenAI()
upload = client.files.create(file=open("batch.jsonl", "rb"), purpose="batch")
batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h")
batch = client.batches.retrieve(batch.id)
print_replies(client.files.content(batch.output_file_id).text)
"#;
    let results = r#"import json


def print_replies(content):
    for raw in content.splitlines():
        line = json.loads(raw)
        print(line["custom_id"], line["response"]["body"]["choices"][0]["message"]["content"])
"#;
    let lines = concat!(
        r#"{"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}}"#,
        "\n"
    );
    let dir = repo(&[
        ("submit.py", submit),
        ("results.py", results),
        ("batch.jsonl", lines),
    ]);
    let path = dir.path().join("batch.jsonl");
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains("not fixed: the fix also edits batch.jsonl, which is read-only"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("submit.py")).unwrap(),
        submit
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("results.py")).unwrap(),
        results
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), lines);
    // Writable, the three files convert together, and a second run has nothing left.
    let mut perms = fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&path, perms).unwrap();
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    assert!(fs::read_to_string(dir.path().join("submit.py"))
        .unwrap()
        .contains(r#"endpoint="/v1/responses""#));
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains(r#""url": "/v1/responses""#));
    assert!(!fs::read_to_string(dir.path().join("results.py"))
        .unwrap()
        .contains("choices"));
}
