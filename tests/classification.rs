//! The front ends agree: the same client facts written in Python, TypeScript and Rust get
//! the same verdict, rule and severity through the binary (`--output-format json`).
//!
//! Each case is one client, written in each language that can express it, that sends one
//! chat request and reads its text. A file's verdict is what its findings say: migrated
//! (with the fix level of `chat-completions-request`), held back (the reporting rule and
//! its severity), or left alone without a word.

mod common;

use std::process::Command;

fn python(import: &str, client: &str) -> String {
    format!(
        "import os\n{import}\n\nclient = {client}\nr = client.chat.completions.create(model=\"m\", messages=[{{\"role\": \"user\", \"content\": \"hi\"}}])\nprint(r.choices[0].message.content)\n"
    )
}

fn typescript(import: &str, client: &str) -> String {
    format!(
        "{import}\n\nconst client = {client};\nconst r = await client.chat.completions.create({{ model: \"m\", messages: [{{ role: \"user\", content: \"hi\" }}] }});\nconsole.log(r.choices[0].message.content);\n"
    )
}

fn rust(client: &str) -> String {
    format!(
        "use async_openai::config::{{AzureConfig, OpenAIConfig}};
use async_openai::types::chat::{{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs}};
use async_openai::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
    let client = {client};
    let request = CreateChatCompletionRequestArgs::default()
        .model(\"m\")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(\"hi\").build()?.into()])
        .build()?;
    let r = client.chat().create(request).await?;
    println!(\"{{}}\", r.choices[0].message.content.clone().unwrap_or_default());
    Ok(())
}}
"
    )
}

const PY_OPENAI: &str = "from openai import OpenAI";
const PY_AZURE: &str = "from openai import AzureOpenAI";
const TS_OPENAI: &str = "import OpenAI from \"openai\";";
const TS_AZURE: &str = "import { AzureOpenAI } from \"openai\";";

/// The verdict a file's findings give its one request.
fn verdict(name: &str, text: &str) -> String {
    verdict_beside(name, text, &[])
}

/// The verdict of `name`'s one request in a repository that also holds `others` (the
/// project's environment files).
fn verdict_beside(name: &str, text: &str, others: &[(&str, &str)]) -> String {
    let mut files = vec![(name, text)];
    files.extend_from_slice(others);
    let dir = common::repo(&files);
    let out = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .args(["check", "--output-format", "json", name])
        .current_dir(dir.path())
        .output()
        .expect("responsify runs");
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{name}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
    let rule = |r: &str| findings.iter().find(|f| f["rule"] == r);
    if let Some(call) = rule("chat-completions-request") {
        let level = call["fix"]["status"].as_str().unwrap_or("no fix");
        return format!("migrate ({level})");
    }
    for held in ["third-party-endpoint", "azure-dated-api-version"] {
        if let Some(f) = rule(held) {
            return format!("{held} {}", f["severity"].as_str().unwrap_or("?"));
        }
    }
    match findings.first() {
        None => "left alone".into(),
        Some(f) => format!("{} {}", f["rule"], f["severity"]),
    }
}

struct Case {
    name: &'static str,
    expected: &'static str,
    python: Option<String>,
    typescript: Option<String>,
    rust: Option<String>,
}

fn cases() -> Vec<Case> {
    let openai = "https://api.openai.com/v1";
    let local = "http://localhost:8000/v1";
    let azure_v1 = "https://res.openai.azure.com/openai/v1/";
    vec![
        Case {
            name: "no base URL",
            expected: "migrate (safe)",
            python: Some(python(PY_OPENAI, "OpenAI()")),
            typescript: Some(typescript(TS_OPENAI, "new OpenAI()")),
            rust: Some(rust("Client::new()")),
        },
        Case {
            name: "OpenAI's URL as a literal",
            expected: "migrate (safe)",
            python: Some(python(PY_OPENAI, &format!("OpenAI(base_url=\"{openai}\")"))),
            typescript: Some(typescript(TS_OPENAI, &format!("new OpenAI({{ baseURL: \"{openai}\" }})"))),
            rust: Some(rust(&format!("Client::with_config(OpenAIConfig::new().with_api_base(\"{openai}\"))"))),
        },
        Case {
            name: "the environment, with OpenAI's URL as the fallback",
            expected: "migrate (unsafe)",
            python: Some(python(PY_OPENAI, &format!("OpenAI(base_url=os.environ.get(\"OPENAI_BASE_URL\", \"{openai}\"))"))),
            typescript: Some(typescript(TS_OPENAI, &format!("new OpenAI({{ baseURL: process.env.OPENAI_BASE_URL ?? \"{openai}\" }})"))),
            rust: Some(rust(&format!("Client::with_config(OpenAIConfig::new().with_api_base(std::env::var(\"OPENAI_BASE_URL\").unwrap_or_else(|_| \"{openai}\".to_string())))"))),
        },
        Case {
            name: "the environment, with a local server as the fallback",
            expected: "left alone",
            python: Some(python(PY_OPENAI, &format!("OpenAI(base_url=os.environ.get(\"LLM_URL\", \"{local}\"))"))),
            typescript: Some(typescript(TS_OPENAI, &format!("new OpenAI({{ baseURL: process.env.LLM_URL ?? \"{local}\" }})"))),
            rust: Some(rust(&format!("Client::with_config(OpenAIConfig::new().with_api_base(std::env::var(\"LLM_URL\").unwrap_or_else(|_| \"{local}\".to_string())))"))),
        },
        Case {
            name: "the environment, with no fallback",
            expected: "third-party-endpoint warning",
            python: Some(python(PY_OPENAI, "OpenAI(base_url=os.environ[\"LLM_URL\"])")),
            typescript: Some(typescript(TS_OPENAI, "new OpenAI({ baseURL: process.env.LLM_URL })")),
            rust: Some(rust("Client::with_config(OpenAIConfig::new().with_api_base(std::env::var(\"LLM_URL\").unwrap()))")),
        },
        Case {
            name: "a local server as a literal",
            expected: "third-party-endpoint info",
            python: Some(python(PY_OPENAI, &format!("OpenAI(base_url=\"{local}\")"))),
            typescript: Some(typescript(TS_OPENAI, &format!("new OpenAI({{ baseURL: \"{local}\" }})"))),
            rust: Some(rust(&format!("Client::with_config(OpenAIConfig::new().with_api_base(\"{local}\"))"))),
        },
        Case {
            name: "Azure with a dated api-version",
            expected: "azure-dated-api-version warning",
            python: Some(python(PY_AZURE, "AzureOpenAI(api_version=\"2024-02-01\", azure_endpoint=\"https://res.openai.azure.com\")")),
            typescript: Some(typescript(TS_AZURE, "new AzureOpenAI({ apiVersion: \"2024-02-01\", endpoint: \"https://res.openai.azure.com\" })")),
            rust: Some(rust("Client::with_config(AzureConfig::new().with_api_version(\"2024-02-01\"))")),
        },
        Case {
            name: "Azure's v1 URL as a literal",
            expected: "migrate (safe)",
            python: Some(python(PY_OPENAI, &format!("OpenAI(base_url=\"{azure_v1}\")"))),
            typescript: Some(typescript(TS_OPENAI, &format!("new OpenAI({{ baseURL: \"{azure_v1}\" }})"))),
            rust: Some(rust(&format!("Client::with_config(OpenAIConfig::new().with_api_base(\"{azure_v1}\"))"))),
        },
        Case {
            // async-openai has no option that hands the requests to another service.
            name: "an option that redirects the client",
            expected: "third-party-endpoint warning",
            python: Some(python(PY_OPENAI, "OpenAI(default_query={\"api-version\": \"preview\"})")),
            typescript: Some(typescript(TS_OPENAI, "new OpenAI({ provider: bedrock })")),
            rust: None,
        },
    ]
}

#[test]
fn front_ends_judge_the_same_client_the_same_way() {
    let mut disagreements = Vec::new();
    for case in cases() {
        let written = [
            ("client.py", &case.python),
            ("client.ts", &case.typescript),
            ("src/main.rs", &case.rust),
        ];
        for (file, source) in written {
            let Some(source) = source else { continue };
            let got = verdict(file, source);
            if got != case.expected {
                disagreements.push(format!(
                    "{}: {file} gives `{got}`, expected `{}`",
                    case.name, case.expected
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "the front ends disagree:\n{}",
        disagreements.join("\n")
    );
}

/// A client whose base URL comes from the environment is judged by what the project's own
/// environment files set it to, in one place (`project_env`): another server's is left alone
/// with a note, OpenAI's migrates, whether Python or TypeScript builds the client (or Rust
/// reads the variable itself; async-openai does not read `OPENAI_BASE_URL`), and so is a
/// model of another provider's family on such a client.
#[test]
fn front_ends_judge_a_client_sent_elsewhere_by_the_project_env_the_same_way() {
    let rust_env = rust(
        "Client::with_config(OpenAIConfig::new().with_api_base(std::env::var(\"OPENAI_BASE_URL\").unwrap_or_else(|_| \"https://api.openai.com/v1\".to_string())))",
    );
    let written = [
        ("client.py", python(PY_OPENAI, "OpenAI()")),
        ("client.ts", typescript(TS_OPENAI, "new OpenAI()")),
        ("src/main.rs", rust_env),
    ];
    let mut disagreements = Vec::new();
    for (env, expected) in [
        (
            "OPENAI_BASE_URL=https://api.deepseek.com/v1\n",
            "third-party-endpoint info",
        ),
        ("OPENAI_BASE_URL=https://api.openai.com/v1\n", "migrate"),
    ] {
        for (file, source) in &written {
            let got = verdict_beside(file, source, &[(".env", env)]);
            if !got.starts_with(expected) {
                disagreements.push(format!(
                    "{env:?}: {file} gives `{got}`, expected `{expected}`"
                ));
            }
        }
    }
    // No environment file, but a model OpenAI does not serve: the environment must point the
    // client elsewhere (async-openai's `Client::new()` goes to OpenAI's URL whatever it holds).
    let llama = |text: &str| text.replace("\"m\"", "\"llama3.2\"");
    for (file, source, expected) in [
        (
            "client.py",
            llama(&python(PY_OPENAI, "OpenAI()")),
            "third-party-endpoint info",
        ),
        (
            "client.ts",
            llama(&typescript(TS_OPENAI, "new OpenAI()")),
            "third-party-endpoint info",
        ),
        ("src/main.rs", llama(&rust("Client::new()")), "migrate"),
    ] {
        let got = verdict(file, &source);
        if !got.starts_with(expected) {
            disagreements.push(format!(
                "model llama3.2: {file} gives `{got}`, expected `{expected}`"
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the front ends disagree:\n{}",
        disagreements.join("\n")
    );
}

/// A request posted by hand is judged by its URL in one place (`classify::judge_http_request`):
/// OpenAI's migrates, another server's is left alone, a path without its server needs a
/// person, whether Python or TypeScript posts it.
#[test]
fn front_ends_judge_a_hand_written_request_by_its_url_the_same_way() {
    let python = |url: &str| {
        format!(
            "import requests\n\ndef ask(q):\n    r = requests.post(\"{url}\", json={{\"model\": \"m\", \"messages\": [{{\"role\": \"user\", \"content\": q}}]}})\n    return r.json()[\"choices\"][0][\"message\"][\"content\"]\n"
        )
    };
    let typescript = |url: &str| {
        format!(
            "export async function ask(q: string) {{\n  const r = await fetch(\"{url}\", {{ method: \"POST\", body: JSON.stringify({{ model: \"m\", messages: [{{ role: \"user\", content: q }}] }}) }});\n  const data = await r.json();\n  return data.choices[0].message.content;\n}}\n"
        )
    };
    let cases = [
        (
            "https://api.openai.com/v1/chat/completions",
            "migrate (safe)",
        ),
        (
            "http://localhost:8000/v1/chat/completions",
            "third-party-endpoint info",
        ),
        (
            "/v1/chat/completions",
            "\"chat-completions-url\" \"warning\"",
        ),
    ];
    let mut disagreements = Vec::new();
    for (url, expected) in cases {
        for (file, source) in [("ask.py", python(url)), ("ask.ts", typescript(url))] {
            let got = verdict(file, &source);
            if got != expected {
                disagreements.push(format!(
                    "{url}: {file} gives `{got}`, expected `{expected}`"
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "the front ends disagree:\n{}",
        disagreements.join("\n")
    );
}

/// The SDKs' own source (a package whose manifest names it `openai`, or the `async-openai`
/// crate) implements the API for its users: its chat code and its tests are left alone in
/// every language (`sdk_source`), and a package that is not the SDK is judged as ever.
#[test]
fn front_ends_leave_the_sdks_own_source_alone() {
    let cases = [
        (
            "tests/test_chat.py",
            python(PY_OPENAI, "OpenAI()"),
            "pyproject.toml",
            "[project]\nname = \"openai\"\nversion = \"2.8.0\"\n",
            "[project]\nname = \"chat-app\"\ndependencies = [\"openai>=2\"]\n",
        ),
        (
            "tests/chat.test.ts",
            typescript(TS_OPENAI, "new OpenAI()"),
            "package.json",
            "{\"name\": \"openai\", \"version\": \"6.9.0\"}\n",
            "{\"name\": \"chat-app\", \"dependencies\": {\"openai\": \"^6.9.0\"}}\n",
        ),
        (
            "examples/chat.rs",
            rust("Client::new()"),
            "Cargo.toml",
            "[package]\nname = \"async-openai\"\nversion = \"0.31.0\"\n",
            "[package]\nname = \"chat-app\"\nversion = \"0.1.0\"\n\n[dependencies]\nasync-openai = { version = \"0.31\", features = [\"responses\"] }\n",
        ),
    ];
    let mut wrong = Vec::new();
    for (file, source, manifest, sdk, user) in &cases {
        let got = verdict_beside(file, source, &[(manifest, sdk)]);
        if got != "left alone" {
            wrong.push(format!("{file} in the SDK's own {manifest}: `{got}`"));
        }
        let got = verdict_beside(file, source, &[(manifest, user)]);
        if !got.starts_with("migrate") {
            wrong.push(format!("{file} in a user's {manifest}: `{got}`"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
