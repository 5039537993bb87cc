//! Oracles: every Responses body the test suite produces must be accepted by the official
//! OpenAPI spec (../shared/tools/validate_request.py, unknown keys included) and by the real
//! `openai` npm package's request types under `tsc --strict` (oracle/).
//!
//! Neither tool ships with the repo. Without them these tests skip with a loud message, unless
//! RESPONSIFY_REQUIRE_ORACLES is set (CI sets it, after installing both), when they fail.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    root().join("..").join("shared")
}

use common::skip;

/// Responses bodies in a fixed text: whole documents, JSONL lines, Batch lines' bodies.
fn responses_bodies(text: &str) -> Vec<serde_json::Value> {
    let docs: Vec<serde_json::Value> =
        match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
            Ok(doc) => vec![doc],
            Err(_) => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect(),
        };
    docs.into_iter()
        .filter_map(|doc| {
            if doc.get("url").and_then(|u| u.as_str()) == Some("/v1/responses") {
                doc.get("body").cloned()
            } else if doc.get("model").is_some() && doc.get("input").is_some() {
                Some(doc)
            } else {
                None
            }
        })
        .collect()
}

/// Fix every rule fixture with all fixes and write each Responses body it yields to a file.
fn produce_bodies(name: &str) -> (PathBuf, usize) {
    // Under the target directory cargo gives tests, never the source tree.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut count = 0;
    let mut sources: Vec<(String, PathBuf)> = rule_fixtures();
    for dir in sorted_entries(&root().join("examples")) {
        for path in sorted_entries(&dir) {
            if is_fixture(&path) {
                sources.push(("example".into(), path));
            }
        }
    }
    for (rule, path) in sources {
        let text = read(&path);
        // Display-only fixes (a Batch file whose uploader is elsewhere) are previewed: the
        // bodies they would write must be valid too.
        let mut settings = settings_for(Some(&rule), true, true);
        settings.preview_display_only = true;
        let fixed = check(&path, &text, &settings).fixed.unwrap_or(text);
        // Residue a person must resolve (a Responses body that also says `messages`) is
        // reported, not produced: only bodies responsify vouches for are checked.
        if check(&path, &fixed, &settings)
            .findings
            .iter()
            .any(|f| f.diagnostic.blocks && f.diagnostic.fix.is_none())
        {
            continue;
        }
        let stem = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        for (i, body) in responses_bodies(&fixed).into_iter().enumerate() {
            count += 1;
            let file = dir.join(format!("{rule}__{stem}__{i}.json"));
            std::fs::write(file, serde_json::to_string_pretty(&body).unwrap()).unwrap();
        }
    }
    (dir, count)
}

fn run(command: &mut Command) -> (bool, String) {
    match command.output() {
        Ok(out) => (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        ),
        Err(e) => (false, format!("could not start: {e}")),
    }
}

fn bodies_in(dir: &Path) -> Vec<PathBuf> {
    sorted_entries(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect()
}

/// What the API accepts today and the bundled spec (2.3.0) does not (spec/DRIFT.md, from the
/// newest SDKs' types), written into a copy of the spec so bodies that use it validate:
/// `safety_identifier` up to 128 characters, `async` on function, custom and namespace
/// tools, and `background_options`.
fn known_drift(spec: &mut serde_json::Value) {
    use serde_json::json;
    let schemas = spec["components"]["schemas"]
        .as_object_mut()
        .expect("the spec has component schemas");
    for props in ["ModelResponseProperties", "BetaModelResponseProperties"] {
        let node = &mut schemas[props]["properties"]["safety_identifier"];
        for branch in node["anyOf"].as_array_mut().into_iter().flatten() {
            if branch.get("maxLength").is_some() {
                branch["maxLength"] = json!(128);
            }
        }
    }
    for tool in [
        "FunctionTool",
        "CustomToolParam",
        "NamespaceToolParam",
        "BetaNamespaceToolParam",
    ] {
        if let Some(props) = schemas
            .get_mut(tool)
            .and_then(|t| t["properties"].as_object_mut())
        {
            props.insert("async".into(), json!({"type": "boolean"}));
        }
    }
    if let Some(props) = schemas
        .get_mut("CreateResponse")
        .and_then(|c| c["allOf"].as_array_mut())
        .and_then(|parts| {
            parts
                .iter_mut()
                .find_map(|p| p.get_mut("properties").and_then(|v| v.as_object_mut()))
        })
    {
        props.insert(
            "background_options".into(),
            json!({
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "completion_window": {"type": "string", "enum": ["soonest", "2h", "8h"]},
                    "continuation_id": {"type": "string"}
                }
            }),
        );
    }
}

/// The shared validator, copied beside a spec with [`known_drift`] applied (it finds its spec
/// at `../openai-openapi/openapi.json` from itself); the shared files are left as they are.
fn validator_with_known_drift(validator: &Path, name: &str) -> PathBuf {
    // One copy per test: tests run in parallel.
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let tools = base.join("tools");
    let spec_dir = base.join("openai-openapi");
    std::fs::create_dir_all(&tools).unwrap();
    std::fs::create_dir_all(&spec_dir).unwrap();
    let text = std::fs::read_to_string(shared().join("openai-openapi").join("openapi.json"))
        .expect("the bundled spec is readable");
    let mut spec: serde_json::Value = serde_json::from_str(&text).expect("the spec is JSON");
    known_drift(&mut spec);
    std::fs::write(spec_dir.join("openapi.json"), spec.to_string()).unwrap();
    let copy = tools.join("validate_request.py");
    std::fs::copy(validator, &copy).unwrap();
    copy
}

/// The encoded differences are the ones the API has: the patched spec accepts them, and the
/// bundled one still rejects them (so the patch is what makes the difference).
#[test]
fn the_schema_oracle_knows_what_changed_since_the_spec() {
    let _oracle = common::oracle("the_schema_oracle_knows_what_changed_since_the_spec");
    let validator = shared().join("tools").join("validate_request.py");
    let (has_jsonschema, _) = run(Command::new("python3").args(["-c", "import jsonschema"]));
    if !validator.is_file() || !has_jsonschema {
        return skip(
            "the official-schema oracle",
            "../shared/tools/validate_request.py or python3's jsonschema is not there",
        );
    }
    let body = serde_json::json!({
        "model": "gpt-5.4",
        "input": "x",
        "safety_identifier": "u".repeat(128),
        "background_options": {"completion_window": "soonest"},
        "tools": [
            {"type": "function", "name": "f", "parameters": {"type": "object"}, "strict": false, "async": true},
            {"type": "custom", "name": "g", "async": true}
        ]
    });
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oracle-drift-body.json");
    std::fs::write(&file, body.to_string()).unwrap();
    let (ok, output) = run(Command::new("python3")
        .arg(validator_with_known_drift(
            &validator,
            "oracle-spec-drift-known",
        ))
        .arg(&file));
    assert!(ok, "the drift-aware oracle rejects today's API:\n{output}");
    let (ok, output) = run(Command::new("python3").arg(&validator).arg(&file));
    assert!(
        !ok && output.contains("safety_identifier") && output.contains("background_options"),
        "the bundled spec accepts what it should not:\n{output}"
    );
}

#[test]
fn produced_bodies_validate_against_the_official_schema() {
    let _oracle = common::oracle("produced_bodies_validate_against_the_official_schema");
    let (dir, count) = produce_bodies("oracle-bodies-schema");
    assert!(
        count >= 60,
        "the fixtures produced only {count} Responses bodies"
    );
    let validator = shared().join("tools").join("validate_request.py");
    if !validator.is_file() {
        return skip(
            "the official-schema oracle",
            "../shared/tools/validate_request.py is not there",
        );
    }
    let (has_jsonschema, _) = run(Command::new("python3").args(["-c", "import jsonschema"]));
    if !has_jsonschema {
        return skip(
            "the official-schema oracle",
            "python3 with the jsonschema package is not installed",
        );
    }
    let validator = validator_with_known_drift(&validator, "oracle-spec-drift-bodies");
    let files = bodies_in(&dir);
    let (ok, output) = run(Command::new("python3").arg(&validator).args(&files));
    assert!(ok, "bodies rejected by the official schema:\n{output}");
    assert!(
        output.contains(&format!("{} bodies checked, 0 problems", files.len())),
        "unexpected validator output:\n{output}"
    );
}

#[test]
fn produced_bodies_type_check_against_the_openai_sdk() {
    let _oracle = common::oracle("produced_bodies_type_check_against_the_openai_sdk");
    let (dir, count) = produce_bodies("oracle-bodies-tsc");
    let oracle = root().join("oracle");
    if !oracle.join("node_modules").join("openai").is_dir() {
        return skip(
            "the openai SDK type oracle",
            "oracle/node_modules is not installed (npm ci --prefix oracle)",
        );
    }
    let (ok, output) = run(Command::new("node")
        .arg(oracle.join("typecheck-bodies.mjs"))
        .arg(&dir));
    assert!(ok, "bodies rejected by the openai SDK types:\n{output}");
    assert!(
        output.contains(&format!("{count} bodies type-checked, 0 failed")),
        "unexpected oracle output:\n{output}"
    );
}

/// Every property of `CreateChatCompletionRequest` (allOf flattened) in the official spec.
fn spec_chat_parameters(spec: &serde_json::Value) -> Vec<String> {
    let schemas = &spec["components"]["schemas"];
    let mut out = Vec::new();
    let mut stack = vec!["CreateChatCompletionRequest".to_string()];
    while let Some(name) = stack.pop() {
        let node = &schemas[&name];
        let mut parts = vec![node];
        if let Some(all) = node["allOf"].as_array() {
            parts.extend(all.iter());
        }
        for part in parts {
            if let Some(r) = part["$ref"].as_str() {
                stack.push(r.rsplit('/').next().unwrap().to_string());
            }
            if let Some(props) = part["properties"].as_object() {
                out.extend(props.keys().cloned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn catalogue_covers_every_chat_parameter_in_the_spec() {
    let _oracle = common::oracle("catalogue_covers_every_chat_parameter_in_the_spec");
    let path = shared().join("openai-openapi").join("openapi.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return skip(
            "the spec coverage test",
            "../shared/openai-openapi/openapi.json is not there",
        );
    };
    let spec: serde_json::Value = serde_json::from_str(&text).expect("the spec is JSON");
    let parameters = spec_chat_parameters(&spec);
    assert!(
        parameters.len() >= 30,
        "read only {} parameters from the spec",
        parameters.len()
    );
    let missing: Vec<&String> = parameters
        .iter()
        .filter(|p| responsify::rules::catalogue::disposition(p).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "Chat Completions parameters the catalogue does not cover: {missing:?}"
    );
}

/// Every TypeScript fixture that the fixes change must still type-check, with the real
/// `openai` (and `zod`) packages, under `tsc --strict --noEmit`: the migrated calls, reads,
/// type annotations and imports all have to agree with the SDK's Responses types.
#[test]
fn migrated_typescript_fixtures_type_check_against_the_openai_sdk() {
    let _oracle = common::oracle("migrated_typescript_fixtures_type_check_against_the_openai_sdk");
    let oracle = root().join("oracle");
    let modules = oracle.join("node_modules");
    for needed in ["openai", "typescript", "zod", "@types/node"] {
        if !modules.join(needed).is_dir() {
            return skip(
                "the TypeScript fixture type check",
                &format!("oracle/node_modules/{needed} is missing (ci/node-e2e.sh)"),
            );
        }
    }
    // Outside the source tree; the oracle's packages resolve through a link to them.
    let work = tempfile::Builder::new()
        .prefix("tsc-fixtures-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    std::os::unix::fs::symlink(&modules, work.path().join("node_modules")).unwrap();
    let mut files = Vec::new();
    for (rule, path) in rule_fixtures() {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "ts" | "mts" | "tsx") {
            continue;
        }
        let text = read(&path);
        let Some(fixed) = check(&path, &text, &settings_for(Some(&rule), true, true)).fixed else {
            continue;
        };
        let stem = path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        let name = format!("{}__{stem}.{ext}", rule.replace('-', "_"));
        std::fs::write(work.path().join(&name), fixed).unwrap();
        files.push(name);
    }
    assert!(
        files.len() >= 10,
        "only {} TypeScript fixtures were migrated",
        files.len()
    );
    // TSX fixtures need a JSX namespace; the React types are not what is being checked.
    std::fs::write(
        work.path().join("jsx.d.ts"),
        "declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }\n",
    )
    .unwrap();
    files.push("jsx.d.ts".into());
    let tsconfig = serde_json::json!({
        "compilerOptions": {
            "strict": true, "noEmit": true, "target": "es2022", "module": "esnext",
            "moduleResolution": "bundler", "lib": ["es2022", "dom"], "types": ["node"],
            "skipLibCheck": true, "jsx": "preserve", "isolatedModules": true
        },
        "files": files,
    });
    std::fs::write(
        work.path().join("tsconfig.json"),
        serde_json::to_string_pretty(&tsconfig).unwrap(),
    )
    .unwrap();
    let tsc = modules.join("typescript").join("lib").join("tsc.js");
    let (ok, output) = run(Command::new("node")
        .arg(tsc)
        .args(["-p", "tsconfig.json", "--pretty", "false"])
        .current_dir(work.path()));
    assert!(
        ok,
        "migrated TypeScript fixtures do not type-check against the openai SDK:\n{output}"
    );
}
