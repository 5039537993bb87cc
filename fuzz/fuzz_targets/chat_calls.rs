#![no_main]
//! Structure-aware: Chat Completions calls built from grammar pieces (a client, parameters
//! in any order and number, the reads of the result, the code around the call) in Python,
//! TypeScript and Rust, so the fuzzer spends its time on requests the front ends lift and
//! fix rather than on syntax errors. Each file goes through the same checks as the other
//! targets (`responsify_fuzz::check`).

use libfuzzer_sys::arbitrary::{self, Arbitrary, Unstructured};

#[derive(Arbitrary, Debug)]
enum Language {
    Python,
    TypeScript,
    Rust,
}

#[derive(Arbitrary, Debug)]
struct Call {
    language: Language,
    /// Indices into the tables below, taken modulo their length.
    client: u8,
    method: u8,
    params: Vec<u8>,
    reads: Vec<u8>,
    around: u8,
    /// A string spliced into message contents and names, so odd bytes reach the printers.
    word: String,
    /// Two calls sharing one message list.
    twice: bool,
}

fn pick<'a>(table: &[&'a str], i: u8) -> &'a str {
    table[i as usize % table.len()]
}

/// The parameters `indices` pick, each once: Python refuses a repeated keyword, and a
/// repeated key is one request of two minds, which a pass-by-pass fix resolves one copy at
/// a time (the check of bytes outside the first pass's edits would flag that).
fn params<'a>(table: &[&'a str], indices: &[u8]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &i in indices {
        let p = pick(table, i);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

const PY_CLIENTS: &[&str] = &[
    "OpenAI()",
    "OpenAI(base_url='http://localhost:8000/v1')",
    "AzureOpenAI(api_version='2024-10-21')",
    "OpenAI(api_key=key)",
    "AsyncOpenAI()",
];
const PY_METHODS: &[&str] = &[
    "chat.completions.create",
    "beta.chat.completions.parse",
    "chat.completions.parse",
    "chat.completions.stream",
    "responses.create",
];
const PY_PARAMS: &[&str] = &[
    "max_tokens=100",
    "max_completion_tokens=50",
    "temperature=0.2",
    "n=1",
    "stop=['\\n']",
    "stream=True",
    "seed=3",
    "user='u'",
    "response_format={'type': 'json_object'}",
    "response_format=Answer",
    "tools=[{'type': 'function', 'function': {'name': 'f', 'parameters': {'type': 'object', 'properties': {}}}}]",
    "tool_choice='auto'",
    "logprobs=True",
    "store=False",
    "reasoning_effort='low'",
    "metadata={'k': 'v'}",
    "**extra",
    "messages=history",
    "frequency_penalty=0",
    "functions=[]",
];
const PY_READS: &[&str] = &[
    "print(r.choices[0].message.content)",
    "x = r.choices[0].message.tool_calls",
    "print(r.usage.prompt_tokens)",
    "for c in r:\n        print(c.choices[0].delta.content)",
    "return r",
    "print(r.choices[0].finish_reason == 'length')",
    "print(r.model_dump_json())",
    "print(r.choices[0].message.parsed)",
    "print([c.message.content for c in r.choices])",
];

fn python(call: &Call) -> String {
    let mut out = String::from("from openai import OpenAI, AzureOpenAI, AsyncOpenAI\n\n");
    out += &format!("client = {}\n", pick(PY_CLIENTS, call.client));
    let word = call.word.replace(['\'', '\\', '\n', '\r'], "");
    out += &format!("history = [{{'role': 'system', 'content': '{word}'}}]\n\n");
    let params = params(PY_PARAMS, &call.params);
    let mut args = vec!["model='gpt-5.5'".to_string()];
    if !params.contains(&"messages=history") {
        args.push(format!(
            "messages=[{{'role': 'user', 'content': '{word}'}}, *history]"
        ));
    }
    args.extend(params.iter().map(|p| p.to_string()));
    let method = pick(PY_METHODS, call.method);
    let body = |indent: &str| {
        let mut s = format!("{indent}r = client.{method}({})\n", args.join(", "));
        for &read in &call.reads {
            s += &format!("{indent}{}\n", pick(PY_READS, read));
        }
        s
    };
    match call.around % 3 {
        0 => out += &format!("def ask(extra):\n{}", body("    ")),
        1 => {
            out += &format!(
                "class Bot:\n    def ask(self, extra):\n{}",
                body("        ")
                    .replace('\n', "\n    ")
                    .trim_end_matches(' ')
            )
        }
        _ => {
            out += &format!(
                "async def ask(extra):\n{}",
                body("    ").replace("client.", "await client.")
            )
        }
    }
    if call.twice {
        out += &format!(
            "\ndef again():\n    return client.chat.completions.create(model='gpt-5.5', messages=history)\n"
        );
    }
    out
}

const TS_CLIENTS: &[&str] = &[
    "new OpenAI()",
    "new OpenAI({ baseURL: \"http://localhost:8000/v1\" })",
    "new AzureOpenAI({ apiVersion: \"2024-10-21\" })",
    "new OpenAI({ apiKey: key })",
];
const TS_METHODS: &[&str] = &[
    "chat.completions.create",
    "beta.chat.completions.parse",
    "chat.completions.parse",
    "chat.completions.stream",
    "chat.completions.runTools",
    "responses.create",
];
const TS_PARAMS: &[&str] = &[
    "max_tokens: 100",
    "max_completion_tokens: 50",
    "temperature: 0.2",
    "n: 1",
    "stop: [\"\\n\"]",
    "stream: true",
    "seed: 3",
    "user: \"u\"",
    "response_format: { type: \"json_object\" }",
    "response_format: zodResponseFormat(Answer, \"answer\")",
    "tools: [{ type: \"function\", function: { name: \"f\", parameters: { type: \"object\", properties: {} } } }]",
    "tools: [zodFunction({ name: \"f\", parameters: Answer })]",
    "tool_choice: \"auto\"",
    "store: false",
    "...extra",
    "messages: history",
    "logprobs: true",
];
const TS_READS: &[&str] = &[
    "console.log(r.choices[0].message.content);",
    "const calls = r.choices[0].message.tool_calls;",
    "console.log(r.usage?.prompt_tokens);",
    "return r;",
    "console.log(r.choices[0].finish_reason === \"length\");",
    "console.log(r.choices[0]?.message?.content ?? \"\");",
    "for (const c of r.choices) console.log(c.message.content);",
];

fn typescript(call: &Call) -> String {
    let mut out = String::from(
        "import OpenAI, { AzureOpenAI } from \"openai\";\nimport { zodResponseFormat, zodFunction } from \"openai/helpers/zod\";\nimport type { ChatCompletionMessageParam } from \"openai/resources/chat/completions\";\n\n",
    );
    out += &format!("const client = {};\n", pick(TS_CLIENTS, call.client));
    let word = call.word.replace(['"', '\\', '\n', '\r', '`', '$'], "");
    out += &format!(
        "const history: ChatCompletionMessageParam[] = [{{ role: \"system\", content: \"{word}\" }}];\n\n"
    );
    let params = params(TS_PARAMS, &call.params);
    let mut args = vec!["model: \"gpt-5.5\"".to_string()];
    if !params.contains(&"messages: history") {
        args.push(format!(
            "messages: [{{ role: \"user\", content: \"{word}\" }}, ...history]"
        ));
    }
    args.extend(params.iter().map(|p| p.to_string()));
    let method = pick(TS_METHODS, call.method);
    let mut body = format!(
        "  const r = await client.{method}({{ {} }});\n",
        args.join(", ")
    );
    for &read in &call.reads {
        body += &format!("  {}\n", pick(TS_READS, read));
    }
    match call.around % 3 {
        0 => out += &format!("export async function ask(extra: object) {{\n{body}}}\n"),
        1 => out += &format!("const ask = async (extra: object) => {{\n{body}}};\n"),
        _ => {
            out += &format!(
                "class Bot {{\n  async ask(extra: object) {{\n{}  }}\n}}\n",
                body.replace("\n  ", "\n    ")
                    .replacen("  const", "    const", 1)
            )
        }
    }
    if call.twice {
        out += "\nexport const again = () => client.chat.completions.create({ model: \"gpt-5.5\", messages: history });\n";
    }
    out
}

const RS_SETTERS: &[&str] = &[
    ".max_tokens(100u32)",
    ".max_completion_tokens(50u32)",
    ".temperature(0.2)",
    ".n(1)",
    ".seed(3)",
    ".user(\"u\")",
    ".stream(true)",
    ".store(false)",
    ".stop(vec![\"\\n\".to_string()])",
];
const RS_READS: &[&str] = &[
    "println!(\"{:?}\", response.choices[0].message.content);",
    "let _usage = response.usage;",
    "for choice in &response.choices { println!(\"{:?}\", choice.message.content); }",
    "let _reason = response.choices[0].finish_reason;",
];
const RS_CLIENTS: &[&str] = &[
    "Client::new()",
    "Client::with_config(OpenAIConfig::new().with_api_base(\"http://localhost:8000/v1\"))",
    "Client::with_config(OpenAIConfig::new())",
];

fn rust(call: &Call) -> String {
    let word = call.word.replace(['"', '\\', '\n', '\r', '{', '}'], "");
    let mut out = String::from("use async_openai::{config::OpenAIConfig, types::chat::{CreateChatCompletionRequestArgs, ChatCompletionRequestUserMessageArgs}, Client};\n\n");
    let setters: String = call.params.iter().map(|&p| pick(RS_SETTERS, p)).collect();
    out += "async fn ask() -> Result<(), Box<dyn std::error::Error>> {\n";
    out += &format!("    let client = {};\n", pick(RS_CLIENTS, call.client));
    out += &format!(
        "    let request = CreateChatCompletionRequestArgs::default().model(\"gpt-5.5\"){setters}.messages([ChatCompletionRequestUserMessageArgs::default().content(\"{word}\").build()?.into()]).build()?;\n"
    );
    out += "    let response = client.chat().create(request).await?;\n";
    for &read in &call.reads {
        out += &format!("    {}\n", pick(RS_READS, read));
    }
    out += "    Ok(())\n}\n";
    out
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(call) = Call::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    let (name, text) = match call.language {
        Language::Python => ("x.py", python(&call)),
        Language::TypeScript => ("x.ts", typescript(&call)),
        // Not in a `--cfg fuzzing` build (see `RUST_SPANS`): Python and TypeScript only.
        Language::Rust if !responsify_fuzz::RUST_SPANS => return,
        Language::Rust => ("x.rs", rust(&call)),
    };
    responsify_fuzz::check(name, text.as_bytes());
});
