//! Unit tests of the Rust front end: what it lifts, and that bad input is an error.

use super::*;
use crate::model::ReadKind;

const CHAT: &str = r#"use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .max_tokens(64u32)
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    println!("{:?}", response.choices[0].message.content);
    Ok(())
}
"#;

fn slice(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

#[test]
fn a_syntax_error_is_reported_not_panicked() {
    let err = RUST.lift("fn main() { let x = ; }").unwrap_err();
    assert!(err.message.starts_with("Rust syntax error"), "{err:?}");
}

#[test]
fn a_builder_chain_lifts_to_its_setters_with_exact_spans() {
    let units = RUST.lift(CHAT).unwrap().units;
    assert_eq!(units.len(), 1);
    let body = &units[0].request.body;
    let keys: Vec<&str> = body
        .entries()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["model", "max_tokens", "messages"]);
    let max = body.entry("max_tokens").unwrap();
    assert_eq!(slice(CHAT, max.key_span.unwrap()), "max_tokens");
    assert_eq!(slice(CHAT, max.span.unwrap()), ".max_tokens(64u32)");
    let message = &body.get("messages").unwrap().as_list().unwrap()[0];
    assert_eq!(message.get("role").and_then(Value::as_str), Some("user"));
    assert_eq!(message.get("content").and_then(Value::as_str), Some("hi"));
    assert_eq!(units[0].reads.len(), 1);
    assert_eq!(units[0].reads[0].kind, ReadKind::Content);
    assert_eq!(slice(CHAT, units[0].reads[0].base), "response");
}

#[test]
fn a_shebang_keeps_byte_offsets() {
    let text = format!("#!/usr/bin/env run-cargo-script\n{CHAT}");
    let units = RUST.lift(&text).unwrap().units;
    let model = units[0].request.body.entry("model").unwrap();
    assert_eq!(slice(&text, model.value.span.unwrap()), "\"gpt-5.5\"");
}

#[test]
fn another_sdks_chat_is_not_a_site() {
    let text = CHAT.replace("Client::new()", "other_sdk::Client::new()");
    let text = text.replace(
        "CreateChatCompletionRequestArgs::default()",
        "other_sdk::Request::default()",
    );
    assert!(RUST.lift(&text).unwrap().units.is_empty());
}

#[test]
fn spans_of_many_files_do_not_pile_up() {
    // Each file's spans are forgotten after it: offsets stay those of the file being read.
    for _ in 0..3 {
        let units = RUST.lift(CHAT).unwrap().units;
        let model = units[0].request.body.entry("model").unwrap();
        assert_eq!(slice(CHAT, model.value.span.unwrap()), "\"gpt-5.5\"");
    }
}

#[test]
fn suppression_comments_are_found_outside_strings() {
    let text = "let a = 1; // responsify: ignore[max-tokens] tuned by hand\nlet b = \"// responsify: ignore\";\n";
    let found = RUST.suppressions(text);
    assert_eq!(found.len(), 1);
    assert!(found[0].covers("max-tokens", 1));
}

#[test]
fn a_responses_call_lifts_as_a_responses_unit_with_its_chat_shaped_reads() {
    let text = r#"use async_openai::types::responses::CreateResponseArgs;
use async_openai::Client;

async fn ask() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new();
    let request = CreateResponseArgs::default().model("gpt-5.5").input("hi").build()?;
    let response = client.responses().create(request).await?;
    println!("{:?} {:?}", response.output_text(), response.choices);
    Ok(())
}
"#;
    let units = RUST.lift(text).unwrap().units;
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].request.endpoint, Endpoint::Responses);
    let keys: Vec<&str> = units[0]
        .request
        .body
        .entries()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["model", "input"]);
    assert!(units[0].unseen.is_empty());
    assert_eq!(units[0].reads.len(), 1, "{:?}", units[0].reads);
    assert!(matches!(&units[0].reads[0].kind, ReadKind::Unknown(what) if what.contains("choices")));
}

/// A helper `ask` that returns the response, the items `extra` before it, and a caller that
/// reads the reply's text.
fn helper(signature: &str, extra: &str) -> String {
    format!(
        r#"use async_openai::types::chat::{{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs, CreateChatCompletionResponse}};
use async_openai::Client;
{extra}
{signature} {{
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5.5")
        .messages([ChatCompletionRequestUserMessageArgs::default().content("hi").build()?.into()])
        .build()?;
    let response = Client::new().chat().create(request).await?;
    Ok(response)
}}

async fn main_caller() {{
    let reply = ask().await.unwrap();
    println!("{{:?}}", reply.choices[0].message.content);
}}
"#
    )
}

const HELPER_SIGNATURE: &str =
    "async fn ask() -> Result<CreateChatCompletionResponse, async_openai::error::OpenAIError>";

#[test]
fn a_private_helper_takes_its_callers_reads_and_its_return_type() {
    let text = helper(HELPER_SIGNATURE, "");
    let sites = analyze(&text).unwrap();
    let unit = &sites[0].unit;
    assert!(unit.unseen.is_empty(), "{:?}", unit.unseen);
    assert!(unit.unfixable.is_empty(), "{:?}", unit.unfixable);
    assert_eq!(unit.reads.len(), 1);
    assert!(matches!(unit.reads[0].kind, ReadKind::Content));
    let types: Vec<&str> = sites[0]
        .result_types
        .iter()
        .map(|s| slice(&text, *s))
        .collect();
    assert_eq!(types, ["CreateChatCompletionResponse"]);
}

#[test]
fn a_helper_other_files_may_call_is_handed_to_the_run() {
    // `pub` in any form, or a private one of a file with child modules elsewhere: the
    // run follows the crate's other files; the callers here are read as before.
    for text in [
        helper(&format!("pub {HELPER_SIGNATURE}"), ""),
        helper(&format!("pub(crate) {HELPER_SIGNATURE}"), ""),
        helper(HELPER_SIGNATURE, "mod other;"),
    ] {
        let sites = analyze(&text).unwrap();
        let unit = &sites[0].unit;
        assert!(unit.unseen.is_empty(), "{:?}", unit.unseen);
        assert_eq!(unit.reads.len(), 1, "{text}");
        let handed: Vec<(&str, bool)> = unit
            .leaves_through
            .iter()
            .map(|h| (h.name.as_str(), h.called_here))
            .collect();
        assert_eq!(handed, [("ask", true)], "{text}");
        assert_eq!(sites[0].result_types.len(), 1);
    }
    // A private helper of a sealed file keeps its callers to the file.
    let sealed = analyze(&helper(HELPER_SIGNATURE, "")).unwrap();
    assert!(sealed[0].unit.leaves_through.is_empty());
}

#[test]
fn a_helper_out_of_reach_keeps_its_callers_out_of_sight() {
    let cases = [
        (
            helper(HELPER_SIGNATURE, "")
                .replace(
                    &format!("{HELPER_SIGNATURE} {{"),
                    &format!(
                        "mod inner {{
    use super::*;
    pub {HELPER_SIGNATURE} {{"
                    ),
                )
                .replace(
                    "    Ok(response)
}",
                    "    Ok(response)
}
}",
                ),
            "public inside a module or function",
        ),
        (
            helper(HELPER_SIGNATURE, "fn hand() { let _f = ask; }"),
            "used as a value",
        ),
        (
            helper(HELPER_SIGNATURE, "").replace(
                "let reply = ask()",
                "let ask = || async { todo!() };\n    let reply = ask()",
            ),
            "also bound",
        ),
        (
            helper(HELPER_SIGNATURE, "").replace("= ask()", "= legacy::ask()"),
            "may call another function of that name",
        ),
    ];
    for (text, why) in cases {
        let sites = analyze(&text).unwrap();
        let unseen = sites[0].unit.unseen.join("; ");
        assert!(unseen.contains(why), "{why}: {unseen}");
    }
}

#[test]
fn a_helper_whose_caller_writes_the_type_out_is_refused() {
    let text = helper(HELPER_SIGNATURE, "").replace(
        "let reply = ask()",
        "let reply: CreateChatCompletionResponse = ask()",
    );
    let sites = analyze(&text).unwrap();
    let unfixable = sites[0].unit.unfixable.join("; ");
    assert!(unfixable.contains("is written out"), "{unfixable}");
}

/// What `text`, a file whose module is the crate root, does with the helper `ask` of the
/// module `crate::llm` (as the run resolves paths: see `project::rust_crate`).
fn importer(text: &str) -> super::super::Importer {
    let is_module = |written: &str, _: u32| {
        let mut at: Vec<&str> = Vec::new();
        let mut parts = written.split("::");
        if !matches!(parts.next(), Some("crate" | "self")) {
            return Some(false);
        }
        let mut glob = false;
        for p in parts {
            match p {
                "super" => {
                    at.pop()?;
                }
                "self" => {}
                "*" => glob = true,
                other => at.push(other),
            }
        }
        Some(if glob {
            at.is_empty() || at == ["llm"]
        } else {
            at == ["llm"]
        })
    };
    let target = super::super::Target {
        name: "ask",
        is_module: &is_module,
    };
    RUST.follow_importer(text, &target, crate::model::ResultShape::Completion)
}

const READ: &str = "println!(\"{:?}\", r.choices[0].message.content);";

#[test]
fn an_importer_calls_the_helper_by_every_path_that_names_it() {
    let forms = [
        format!("use crate::llm::ask;\nasync fn f() {{ let r = ask().await.unwrap(); {READ} }}"),
        format!("use llm::{{ask as a, self}};\nasync fn f() {{ let r = a().await.unwrap(); {READ} let r = llm::ask().await.unwrap(); {READ} }}"),
        format!("async fn f() {{ let r = crate::llm::ask().await.unwrap(); {READ} }}"),
        format!("mod inner {{\n    use super::llm;\n    async fn f() {{ let r = llm::ask().await.unwrap(); {READ} }}\n}}"),
    ];
    for text in forms {
        match importer(&text) {
            super::super::Importer::Reads(reads) => {
                assert!(!reads.is_empty(), "{text}");
                assert!(
                    reads.iter().all(|r| r.kind == ReadKind::Content),
                    "{text}: {reads:?}"
                );
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    // Another module's function of the same name, by a relative path: not the helper.
    let other =
        format!("mod tools;\nasync fn f() {{ let r = tools::ask().await.unwrap(); {READ} }}");
    assert!(matches!(
        importer(&other),
        super::super::Importer::NotImporting
    ));
}

#[test]
fn an_importer_responsify_cannot_follow_names_the_line() {
    let cases = [
        ("use crate::llm::*;\n\nasync fn f() { ask().await.unwrap(); }", 1, "glob import"),
        ("pub use crate::llm::ask;\n", 1, "re-exported"),
        ("\nfn f() {\n    use crate::llm::ask;\n    let _ = ask();\n}", 3, "inside a function"),
        ("use crate::llm::ask;\n\nfn f() {\n    let g = ask;\n}", 4, "used as a value"),
        ("use crate::llm::ask;\n\nfn f() {\n    my_macro!(=> ask);\n}", 4, "inside a macro"),
        ("use crate::llm::ask;\n", 1, "imported without being called"),
        ("async fn f() {\n    let r = crate::util::ask().await;\n}", 2, "another module's import"),
        ("use crate::llm::ask;\n\nasync fn f() {\n    let r = ask().await.unwrap();\n    keep(r);\n}", 4, "`r`"),
    ];
    for (text, at, why) in cases {
        match importer(text) {
            super::super::Importer::OutOfSight { line, why: said } => {
                assert_eq!(line, Some(at), "{text}: {said}");
                assert!(said.contains(why), "{text}: {said}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}
