//! Who is the client? The receiver of `.chat()` is traced to the `Client` it was made from,
//! and the client to its configuration, within the function.
//!
//! `Client::new()` and `Client::with_config(OpenAIConfig::new()...)` without a base URL talk
//! to OpenAI. A base URL that is not OpenAI's (a local server, another provider, a value
//! responsify cannot read) is flagged by `third-party-endpoint`; an `AzureConfig` is flagged
//! with the v1-endpoint guidance. A receiver made by another crate's constructor is not
//! async-openai at all: other SDKs have `chat()` methods too, and they are left alone.

use super::scope::FnBody;
use super::values::{ident, path_ends, span_of};
use syn::Expr;

pub enum Client {
    /// An async-openai client talking to OpenAI; `unsure` says what could not be seen.
    OpenAi { unsure: Option<String> },
    /// An async-openai client that must not be rewritten: report it under `rule`.
    Flag { rule: &'static str, reason: String },
    /// A client whose base URL is another server: `url` for the provider allow-list.
    OtherServer { url: String, reason: String },
    /// Not an async-openai client.
    NotOurs,
}

/// The Azure guidance, spelled for async-openai.
const AZURE: &str = "`AzureConfig` routes every call through `/openai/deployments/{id}` with a dated `api-version`; for Responses use `OpenAIConfig::new().with_api_base(\"https://RESOURCE.openai.azure.com/openai/v1\")` with the deployment name as the model";

pub fn trace(body: &FnBody, receiver: &Expr, file_uses_client: bool, text: &str) -> Client {
    trace_at(body, receiver, file_uses_client, text, 0)
}

fn trace_at(body: &FnBody, expr: &Expr, imported: bool, text: &str, depth: usize) -> Client {
    if depth > 8 {
        return unsure(expr, text);
    }
    let expr = peel_refs(expr);
    if let Some(name) = ident(expr) {
        if let Some(init) = body.init_of(&name, span_of(expr).start) {
            return trace_at(body, init, imported, text, depth + 1);
        }
        if let Some(ty) = body.param_type(&name) {
            let at = span_of(ty);
            return from_type(&text[at.start..at.end]);
        }
        return unsure(expr, text);
    }
    match expr {
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return unsure(expr, text);
            };
            let names: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            // `Client::new()` is async-openai's when the file imports it; a longer path
            // must say so itself (`other_sdk::Client::new()` is another crate's).
            let ours = if names.len() > 2 {
                names.first().is_some_and(|n| n == "async_openai")
            } else {
                imported
            };
            match names.as_slice() {
                [.., c, m] if c == "Client" && ours && (m == "new" || m == "default") => {
                    Client::OpenAi { unsure: None }
                }
                [.., c, m]
                    if c == "Client" && ours && m == "with_config" && call.args.len() == 1 =>
                {
                    config(body, &call.args[0], text, depth + 1)
                }
                _ => Client::NotOurs,
            }
        }
        Expr::MethodCall(m) => {
            // `Client::new().with_http_client(..)` and the like keep the configuration.
            if m.method.to_string().starts_with("with_") {
                trace_at(body, &m.receiver, imported, text, depth + 1)
            } else {
                unsure(expr, text)
            }
        }
        Expr::Field(_) => unsure(expr, text),
        _ => Client::NotOurs,
    }
}

fn peel_refs(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => peel_refs(&r.expr),
        Expr::Paren(p) => peel_refs(&p.expr),
        _ => expr,
    }
}

fn unsure(expr: &Expr, text: &str) -> Client {
    let at = span_of(expr);
    Client::OpenAi {
        unsure: Some(format!(
            "the client `{}` is made elsewhere, so responsify cannot see where it sends requests",
            &text[at.start..at.end]
        )),
    }
}

/// A client parameter's type: `&Client<AzureConfig>` is Azure's.
fn from_type(written: &str) -> Client {
    let written: String = written.split_whitespace().collect();
    if written.contains("AzureConfig") {
        Client::Flag {
            rule: "azure-dated-api-version",
            reason: AZURE.into(),
        }
    } else if written.contains("Client") {
        Client::OpenAi {
            unsure: Some(format!(
                "the client is a parameter (`{written}`), so responsify cannot see where it sends requests"
            )),
        }
    } else {
        Client::NotOurs
    }
}

/// The configuration a client was made with.
fn config(body: &FnBody, expr: &Expr, text: &str, depth: usize) -> Client {
    if depth > 8 {
        return unsure(expr, text);
    }
    let expr = peel_refs(expr);
    if let Some(name) = ident(expr) {
        return match body.init_of(&name, span_of(expr).start) {
            Some(init) => config(body, init, text, depth + 1),
            None => unsure(expr, text),
        };
    }
    // Walk the `with_*` calls down to the constructor, remembering the base URL.
    let mut at = expr;
    let mut api_base = None;
    while let Expr::MethodCall(m) = at {
        if m.method == "with_api_base" && m.args.len() == 1 && api_base.is_none() {
            api_base = Some(&m.args[0]);
        }
        at = &m.receiver;
    }
    if let Expr::Call(c) = at {
        if path_ends(&c.func, &["AzureConfig", "new"])
            || path_ends(&c.func, &["AzureConfig", "default"])
        {
            return Client::Flag {
                rule: "azure-dated-api-version",
                reason: AZURE.into(),
            };
        }
        if !(path_ends(&c.func, &["OpenAIConfig", "new"])
            || path_ends(&c.func, &["OpenAIConfig", "default"]))
        {
            return unsure(expr, text);
        }
    } else {
        return unsure(expr, text);
    }
    let Some(base) = api_base else {
        return Client::OpenAi { unsure: None };
    };
    match super::values::lift(base).kind {
        crate::model::Kind::Str(url) => judge_url(&url),
        _ => {
            let at = span_of(base);
            Client::Flag {
                rule: "third-party-endpoint",
                reason: format!(
                    "the client's base URL is `{}`, which responsify cannot read",
                    &text[at.start..at.end]
                ),
            }
        }
    }
}

fn judge_url(url: &str) -> Client {
    let lower = url.to_ascii_lowercase();
    let host = lower
        .split("://")
        .nth(1)
        .unwrap_or(&lower)
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    if host == "api.openai.com" {
        return Client::OpenAi { unsure: None };
    }
    if host.ends_with(".openai.azure.com") {
        // Azure's v1 surface serves Responses; the deployment-routed one does not.
        if lower.contains("/openai/v1") {
            return Client::OpenAi { unsure: None };
        }
        return Client::Flag {
            rule: "azure-dated-api-version",
            reason: AZURE.into(),
        };
    }
    Client::OtherServer {
        url: url.to_string(),
        reason: format!("the client's base URL is {url:?}, not OpenAI's"),
    }
}
