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
use crate::classify::{self, ClientFacts, Constructor, Judged, Origin};
use crate::model::Kind;
use syn::Expr;

pub enum Client {
    /// An async-openai client, judged.
    Judged(Judged),
    /// Not an async-openai client.
    NotOurs,
}

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
                    Client::Judged(Judged::openai())
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
            // `Client::new().with_backoff(..)` and the like keep the configuration; a custom
            // HTTP client may send the requests anywhere.
            let method = m.method.to_string();
            if method.starts_with("with_") {
                let traced = trace_at(body, &m.receiver, imported, text, depth + 1);
                match traced {
                    Client::Judged(mut judged) if method == "with_http_client" => {
                        if judged.verdict == crate::model::Verdict::Migrate
                            && judged.caveat.is_none()
                        {
                            judged.caveat = Some(
                                "the client sends requests through a custom `with_http_client`; check it passes `/v1/responses` on"
                                    .into(),
                            );
                        }
                        Client::Judged(judged)
                    }
                    other => other,
                }
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
    Client::Judged(Judged::untraced(format!(
        "the client `{}` is made elsewhere, so responsify cannot see where it sends requests",
        &text[at.start..at.end]
    )))
}

/// A client parameter's type: `&Client<AzureConfig>` is Azure's.
fn from_type(written: &str) -> Client {
    let written: String = written.split_whitespace().collect();
    if written.contains("AzureConfig") {
        Client::Judged(classify::judge(&ClientFacts::new(Constructor::Azure)))
    } else if written.contains("Client") {
        Client::Judged(Judged::untraced(format!(
            "the client is a parameter (`{written}`), so responsify cannot see where it sends requests"
        )))
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
    // Walk the `with_*` calls down to the constructor, remembering what decides the server.
    let mut at = expr;
    let mut api_base = None;
    let mut api_version = None;
    while let Expr::MethodCall(m) = at {
        if m.args.len() == 1 {
            match m.method.to_string().as_str() {
                "with_api_base" if api_base.is_none() => api_base = Some(&m.args[0]),
                "with_api_version" if api_version.is_none() => api_version = Some(&m.args[0]),
                _ => {}
            }
        }
        at = &m.receiver;
    }
    let Expr::Call(c) = at else {
        return unsure(expr, text);
    };
    let constructor = if path_ends(&c.func, &["AzureConfig", "new"])
        || path_ends(&c.func, &["AzureConfig", "default"])
    {
        Constructor::Azure
    } else if path_ends(&c.func, &["OpenAIConfig", "new"])
        || path_ends(&c.func, &["OpenAIConfig", "default"])
    {
        Constructor::OpenAi
    } else {
        return unsure(expr, text);
    };
    Client::Judged(classify::judge(&ClientFacts {
        base_url: api_base.map(|e| origin(body, e, text, 0)),
        api_version: api_version.map(|e| origin(body, e, text, 0)),
        ..ClientFacts::new(constructor)
    }))
}

/// A string literal, as async-openai code spells one (`"x"`, `"x".to_string()`, …).
fn string_value(expr: &Expr) -> Option<String> {
    match super::values::lift(expr).kind {
        Kind::Str(s) => Some(s),
        _ => None,
    }
}

/// Where an option's value comes from: a literal, `std::env::var("X")` with the fallback
/// its `unwrap_or*` gives, `format!` with literal parts, or something else.
fn origin(body: &FnBody, expr: &Expr, text: &str, depth: usize) -> Origin {
    let expr = peel_refs(expr);
    if let Some(literal) = string_value(expr) {
        return Origin::Literal(literal);
    }
    if depth < 8 {
        if let Some(name) = ident(expr) {
            if let Some(init) = body.init_of(&name, span_of(expr).start) {
                return origin(body, init, text, depth + 1);
            }
        }
    }
    if let Some(found) = environment_read(expr) {
        return found;
    }
    if let Expr::Macro(m) = expr {
        if m.mac.path.is_ident("format") {
            if let Ok(lit) = m.mac.parse_body_with(|input: syn::parse::ParseStream| {
                let lit: syn::LitStr = input.parse()?;
                let _: proc_macro2::TokenStream = input.parse()?;
                Ok(lit)
            }) {
                let mut parts = String::new();
                let mut rest = lit.value();
                // `{}` and `{name}` both stand for an unknown piece.
                while let Some(open) = rest.find('{') {
                    parts.push_str(&rest[..open]);
                    parts.push_str("{}");
                    rest = rest[open..]
                        .find('}')
                        .map_or(String::new(), |close| rest[open + close + 1..].to_string());
                }
                parts.push_str(&rest);
                return Origin::Template(parts);
            }
        }
    }
    let at = span_of(expr);
    Origin::Unknown(text[at.start..at.end].to_string())
}

/// `std::env::var("X")` (or `env::var`), followed by what gives it a fallback:
/// `.unwrap_or("…".into())`, `.unwrap_or_else(|_| "…".to_string())`, through `.ok()`,
/// `.map(..)` and `.expect(..)` / `?` (no fallback).
fn environment_read(expr: &Expr) -> Option<Origin> {
    let mut at = expr;
    let mut fallback: Option<Option<String>> = None;
    loop {
        match at {
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                match method.as_str() {
                    "unwrap_or" if m.args.len() == 1 => {
                        fallback.get_or_insert(string_value(&m.args[0]));
                    }
                    "unwrap_or_else" if m.args.len() == 1 => {
                        let value = match &m.args[0] {
                            Expr::Closure(c) => string_value(&c.body),
                            _ => None,
                        };
                        fallback.get_or_insert(value);
                    }
                    "ok" | "map" | "expect" | "unwrap" | "clone" | "to_string" | "into"
                    | "unwrap_or_default" => {}
                    _ => return None,
                }
                at = &m.receiver;
            }
            Expr::Try(t) => at = &t.expr,
            Expr::Paren(p) => at = &p.expr,
            Expr::Call(c) if path_ends(&c.func, &["env", "var"]) => {
                let var = c.args.first().and_then(string_value)?;
                return Some(Origin::Env {
                    var,
                    fallback: fallback.flatten(),
                });
            }
            _ => return None,
        }
    }
}
