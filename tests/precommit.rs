//! The pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit itself with
//! `pre-commit try-repo` on a repository with every kind of file responsify reads. Skipped
//! (loudly) where pre-commit or git is missing, unless RESPONSIFY_REQUIRE_ORACLES is set.

mod common;

use common::repo;
use std::path::Path;
use std::process::Command;

const PY: &str = "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}])\nprint(r.choices[0].message.content)\n";
const TS: &str = "import OpenAI from \"openai\";\n\nconst client = new OpenAI();\nconst r = await client.chat.completions.create({ model: \"m\", messages: [{ role: \"user\", content: \"hi\" }] });\nconsole.log(r.choices[0].message.content);\n";
const CJS: &str = "const OpenAI = require(\"openai\");\n\nconst client = new OpenAI();\nasync function main() {\n  const r = await client.chat.completions.create({ model: \"m\", messages: [{ role: \"user\", content: \"hi\" }] });\n  console.log(r.choices[0].message.content);\n}\n";
const RS: &str = r#"use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = Client::new().chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
"#;

use common::skip;

fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn the_hooks_check_every_kind_of_file_and_honour_excludes() {
    let _oracle = common::oracle("the_hooks_check_every_kind_of_file_and_honour_excludes");
    if !available("git") || !available("pre-commit") {
        skip(
            "pre-commit hooks (tests/precommit.rs)",
            "needs git and pre-commit (`python3 -m pip install pre-commit`)",
        );
        return;
    }
    let notebook = serde_json::json!({
        "cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
                   "source": PY}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    })
    .to_string();
    let mut files: Vec<(String, String)> = vec![
        ("app.py".into(), PY.into()),
        ("doc.md".into(), format!("# Usage\n\n```python\n{PY}```\n")),
        ("nb.ipynb".into(), notebook),
        ("a.json".into(), "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n".into()),
        ("batch.jsonl".into(), "{\"custom_id\": \"1\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\n".into()),
        ("Cargo.toml".into(), "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nasync-openai = \"0.43\"\n".into()),
        ("src/main.rs".into(), RS.into()),
        ("node_modules/pkg/index.js".into(), TS.into()),
        ("generated/skip.py".into(), PY.into()),
        ("responsify.toml".into(), "extend-exclude = [\"generated\"]\n".into()),
    ];
    for ext in ["ts", "tsx", "mts", "js", "jsx", "mjs"] {
        files.push((format!("web/a.{ext}"), TS.into()));
    }
    files.push(("web/a.cts".into(), CJS.into()));
    files.push(("web/a.cjs".into(), CJS.into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = repo(&refs);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("pre-commit")
        .current_dir(dir.path())
        .args([
            "try-repo",
            env!("CARGO_MANIFEST_DIR"),
            "responsify",
            "--all-files",
        ])
        .env("PRE_COMMIT_HOME", home.path())
        .env("RESPONSIFY_HOOK_BIN", env!("CARGO_BIN_EXE_responsify"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "findings fail the hook:\n{text}");
    for (name, _) in &files {
        let excluded = name.starts_with("node_modules/")
            || name.starts_with("generated/")
            || name == "responsify.toml";
        let shown = text.lines().any(|l| l.starts_with(&format!("{name}:")));
        assert_eq!(
            shown,
            !excluded,
            "{name} {} reported:\n{text}",
            if excluded { "is not" } else { "is" }
        );
    }
    assert!(!text.contains("error:"), "{text}");
}

#[test]
fn the_hook_builds_with_locked_dependencies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    // pre-commit's `language: rust` runs `cargo install` without `--locked`.
    assert!(!hooks.contains("language: rust"), "{hooks}");
    for entry in hooks
        .lines()
        .filter(|l| l.trim_start().starts_with("entry:"))
    {
        assert!(entry.contains("ci/pre-commit-hook check"), "{entry}");
        assert!(entry.contains("--force-exclude"), "{entry}");
    }
    let script = std::fs::read_to_string(root.join("ci/pre-commit-hook")).unwrap();
    let cargo: Vec<&str> = script
        .lines()
        .filter(|l| l.trim_start().starts_with("cargo "))
        .collect();
    assert!(!cargo.is_empty());
    for line in cargo {
        assert!(line.contains("--locked"), "{line}");
    }
}
