//! A Cargo.toml is checked together with its crate: the async-openai feature and version
//! findings depend on what the crate's sources call. Each case is a small temporary crate
//! run through the command line, as a user runs it.

mod common;

use common::repo;

const CHAT_MAIN: &str = r#"use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
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

fn fix(dir: &std::path::Path) -> String {
    let out = common::bin()
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(dir)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn manifest(dependency: &str) -> String {
    format!("[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{dependency}\n")
}

#[test]
fn a_version_string_becomes_a_table_with_the_feature() {
    let dir = repo(&[
        (
            "Cargo.toml",
            &manifest("[dependencies]\nasync-openai = \"0.43\" # pinned by hand"),
        ),
        ("src/main.rs", CHAT_MAIN),
    ]);
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(
        after.contains(
            "async-openai = { version = \"0.43\", features = [\"responses\"] } # pinned by hand"
        ),
        "{after}"
    );
}

#[test]
fn a_dependency_table_gets_a_features_line() {
    let dir = repo(&[
        (
            "Cargo.toml",
            &manifest("[dependencies.async-openai]\nversion = \"0.40\"\ndefault-features = false\n\n[dependencies.tokio]\nversion = \"1\""),
        ),
        ("src/lib.rs", CHAT_MAIN),
    ]);
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(
        after.contains(
            "default-features = false\nfeatures = [\"responses\"]\n\n[dependencies.tokio]"
        ),
        "{after}"
    );
}

#[test]
fn a_crate_without_chat_calls_keeps_its_manifest() {
    let text = manifest(
        "[dependencies]\nasync-openai = { version = \"0.43\", features = [\"embedding\"] }",
    );
    let dir = repo(&[("Cargo.toml", &text), ("src/main.rs", "fn main() {}\n")]);
    fix(dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        text
    );
}

#[test]
fn a_crate_on_an_old_version_is_reported_not_rewritten() {
    let text = manifest("[dependencies]\nasync-openai = \"0.27\"");
    let dir = repo(&[("Cargo.toml", &text), ("src/main.rs", CHAT_MAIN)]);
    let report = fix(dir.path());
    assert!(report.contains("async-openai-version"), "{report}");
    assert!(report.contains("needs 0.31 or later"), "{report}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap(),
        CHAT_MAIN
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        text
    );
}

#[test]
fn the_lock_file_decides_the_version() {
    let lock = "version = 4\n\n[[package]]\nname = \"async-openai\"\nversion = \"0.29.3\"\n";
    let dir = repo(&[
        (
            "Cargo.toml",
            &manifest("[dependencies]\nasync-openai = \">=0.29\""),
        ),
        ("Cargo.lock", lock),
        ("src/main.rs", CHAT_MAIN),
    ]);
    let report = fix(dir.path());
    assert!(
        report.contains("async-openai 0.29.3 (from Cargo.lock)"),
        "{report}"
    );
}

#[test]
fn an_inherited_dependency_reads_the_workspace_root() {
    let dir = repo(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\"]\n\n[workspace.dependencies]\nasync-openai = { version = \"0.43\", features = [\"chat-completion\"] }\n",
        ),
        ("app/Cargo.toml", &manifest("[dependencies]\nasync-openai = { workspace = true }")),
        ("app/src/main.rs", CHAT_MAIN),
    ]);
    fix(dir.path());
    let member = std::fs::read_to_string(dir.path().join("app/Cargo.toml")).unwrap();
    assert!(
        member.contains("async-openai = { workspace = true, features = [\"responses\"] }"),
        "{member}"
    );
    let main = std::fs::read_to_string(dir.path().join("app/src/main.rs")).unwrap();
    assert!(main.contains(".responses().create(request)"), "{main}");
}

#[test]
fn the_feature_finding_does_not_promise_that_the_call_migrates() {
    let dir = repo(&[
        (
            "Cargo.toml",
            &manifest("[dependencies]\nasync-openai = \"0.43\""),
        ),
        ("src/main.rs", CHAT_MAIN),
    ]);
    let out = common::bin()
        .args(["check", "--output-format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.contains("the crate has 1 Chat Completions call to move to Responses"),
        "{out}"
    );
    assert!(!out.contains("that migrates"), "{out}");
}

/// The examples of a library depend on it by path: the version is the one the path's own
/// manifest declares, and the feature goes on the path dependency.
#[test]
fn a_path_dependency_reads_the_manifest_it_points_at() {
    let dir = repo(&[
        (
            "examples/chat/Cargo.toml",
            &manifest("[dependencies]\nasync-openai = { path = \"../../async-openai\" }"),
        ),
        ("examples/chat/src/main.rs", CHAT_MAIN),
        (
            "async-openai/Cargo.toml",
            "[package]\nname = \"async-openai\"\nversion = \"0.43.1\"\n",
        ),
    ]);
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("examples/chat/Cargo.toml")).unwrap();
    assert!(
        after.contains(
            "async-openai = { path = \"../../async-openai\", features = [\"responses\"] }"
        ),
        "{after}"
    );
    let main = std::fs::read_to_string(dir.path().join("examples/chat/src/main.rs")).unwrap();
    assert!(main.contains(".responses()"), "{main}");
}

/// A git or unreadable path dependency may be any release: neither the manifest nor the
/// Rust code is written, and both findings say why.
#[test]
fn a_dependency_of_unknown_version_holds_the_crate_back() {
    for dependency in [
        "async-openai = { git = \"https://github.com/64bit/async-openai\" }",
        "async-openai = { path = \"../missing\" }",
    ] {
        let text = manifest(&format!("[dependencies]\n{dependency}"));
        let dir = repo(&[("Cargo.toml", &text), ("src/main.rs", CHAT_MAIN)]);
        let report = fix(dir.path());
        assert!(report.contains("async-openai-version"), "{report}");
        assert!(report.contains("cannot read"), "{report}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap(),
            CHAT_MAIN,
            "{dependency}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
            text
        );
    }
}

/// A message list grown with `push`: the chat call is reported, not rewritten.
const HELD_MAIN: &str = r#"use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let mut messages = Vec::new();
    messages.push(ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into());
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages(messages)
        .build()?;
    let response = Client::new().chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
"#;

/// Measured on async-openai's own examples: nine manifests got the feature while every
/// chat call of their crate stayed as it was.
#[test]
fn a_crate_whose_calls_are_all_held_keeps_its_manifest() {
    let text = manifest("[dependencies]\nasync-openai = \"0.43\"");
    let dir = repo(&[("Cargo.toml", &text), ("src/main.rs", HELD_MAIN)]);
    let out = fix(dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        text
    );
    assert!(!out.contains("async-openai-responses-feature"), "{out}");
    let main = std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap();
    assert_eq!(main, HELD_MAIN);
}

/// One held call and one that migrates: the feature comes with the one rewritten.
#[test]
fn one_rewritten_call_is_enough() {
    let main = format!("{CHAT_MAIN}\n{}", HELD_MAIN.replace("fn ask", "fn ask_held").replace("use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};\nuse async_openai::Client;\n", ""));
    let dir = repo(&[
        (
            "Cargo.toml",
            &manifest("[dependencies]\nasync-openai = \"0.43\""),
        ),
        ("src/main.rs", &main),
    ]);
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(after.contains("features = [\"responses\"]"), "{after}");
}

/// A call only `--unsafe-fixes` rewrites (a base URL read from the environment): `--fix`
/// leaves both the call and the manifest, `--unsafe-fixes` moves both.
#[test]
fn the_feature_waits_for_the_run_that_rewrites_the_call() {
    let main = CHAT_MAIN
        .replace(
            "use async_openai::Client;",
            "use async_openai::config::OpenAIConfig;\nuse async_openai::Client;",
        )
        .replace(
            "Client::new().chat()",
            "Client::with_config(OpenAIConfig::new().with_api_base(std::env::var(\"OPENAI_BASE\").unwrap_or_else(|_| \"https://api.openai.com/v1\".to_string()))).chat()",
        );
    let text = manifest("[dependencies]\nasync-openai = \"0.43\"");
    let dir = repo(&[("Cargo.toml", &text), ("src/main.rs", &main)]);
    let out = common::bin()
        .args(["check", "--fix"])
        .arg(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap(),
        main,
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        text,
        "{out}"
    );
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(after.contains("features = [\"responses\"]"), "{after}");
    let migrated = std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap();
    assert!(migrated.contains(".responses()"), "{migrated}");
}

/// Cargo builds tests and examples with the features of the `[dependencies]` entry and the
/// `[dev-dependencies]` entry together: a dev entry that leaves out `responses` while the
/// normal entry has it lacks nothing. A dev entry whose normal entry lacks it too gets it.
#[test]
fn a_dev_dependency_has_the_features_of_the_normal_entry() {
    let both = "[dependencies]\nasync-openai = { version = \"0.43\", features = [\"responses\", \"chat-completion\"] }\n\n[dev-dependencies]\nasync-openai = { version = \"0.43\", features = [\"rustls\"] }";
    let dir = repo(&[("Cargo.toml", &manifest(both)), ("src/main.rs", CHAT_MAIN)]);
    let out = fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert_eq!(after, manifest(both), "{out}");
    assert!(!out.contains("async-openai-responses-feature"), "{out}");

    let neither = "[dependencies]\nasync-openai = { version = \"0.43\", features = [\"chat-completion\"] }\n\n[dev-dependencies]\nasync-openai = { version = \"0.43\", features = [\"rustls\"] }";
    let dir = repo(&[
        ("Cargo.toml", &manifest(neither)),
        ("src/main.rs", CHAT_MAIN),
    ]);
    fix(dir.path());
    let after = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(
        after.contains("features = [\"chat-completion\", \"responses\"] }\n\n[dev-dependencies]\nasync-openai = { version = \"0.43\", features = [\"rustls\", \"responses\"] }"),
        "{after}"
    );
}
