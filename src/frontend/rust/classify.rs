//! Who is the client? The receiver of `.chat()` is traced to the `Client` it was made from,
//! and the client to its configuration, within the function.
//!
//! `Client::new()` and `Client::with_config(OpenAIConfig::new()...)` without a base URL talk
//! to OpenAI. A base URL that is not OpenAI's (a local server, another provider, a value
//! responsify cannot read) is flagged by `third-party-endpoint`; an `AzureConfig` is flagged
//! with the v1-endpoint guidance. A receiver made by another crate's constructor is not
//! async-openai at all: other SDKs have `chat()` methods too, and they are left alone.

use super::scope::{Callers, FnBody};
use super::values::{ident, path_ends, span_of};
use crate::classify::{self, ClientFacts, Constructor, Judged, Origin};
use crate::model::{Kind, Span, Verdict};
use std::cell::RefCell;
use syn::Expr;

pub enum Client {
    /// An async-openai client, judged.
    Judged(Judged),
    /// Not an async-openai client.
    NotOurs,
}

/// What tracing a client needs of the file: every function body, who calls whom, and
/// whether the file brings async-openai's `Client` into scope.
pub struct Tracer<'t, 'a> {
    pub bodies: &'t [FnBody<'a>],
    pub callers: &'t Callers,
    pub imported: bool,
    pub text: &'t str,
    /// Line numbers for messages, from one index of the text.
    lines: crate::edit::Lines<'t>,
    /// The functions whose client parameter is being traced through their callers, so that
    /// a cycle of calls ends.
    visiting: RefCell<Vec<Span>>,
}

impl<'t, 'a> Tracer<'t, 'a> {
    pub fn new(
        bodies: &'t [FnBody<'a>],
        callers: &'t Callers,
        imported: bool,
        text: &'t str,
    ) -> Self {
        Tracer {
            bodies,
            callers,
            imported,
            text,
            lines: crate::edit::Lines::new(text),
            visiting: RefCell::new(Vec::new()),
        }
    }

    pub fn trace(&self, body: &FnBody, receiver: &Expr) -> Client {
        self.trace_at(body, receiver, 0)
    }

    fn trace_at(&self, body: &FnBody, expr: &Expr, depth: usize) -> Client {
        let text = self.text;
        if depth > 8 {
            return unsure(expr, text);
        }
        let expr = peel_refs(expr);
        if let Some(name) = ident(expr) {
            if let Some(init) = body.init_of(&name, span_of(expr).start) {
                return self.trace_at(body, init, depth + 1);
            }
            if let Some((ty, position)) = body.param(&name) {
                let at = span_of(ty);
                return match from_type(&text[at.start..at.end]) {
                    Parameter::Client(written) => {
                        self.through_callers(body, &name, position, &written, depth)
                    }
                    Parameter::Judged(judged) => judged,
                };
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
                    self.imported
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
                // `Client::new().with_backoff(..)` and the like keep the configuration, and
                // so does `client.clone()`; a custom HTTP client may send the requests
                // anywhere.
                let method = m.method.to_string();
                if method.starts_with("with_") || (method == "clone" && m.args.is_empty()) {
                    let traced = self.trace_at(body, &m.receiver, depth + 1);
                    match traced {
                        Client::Judged(mut judged) if method == "with_http_client" => {
                            if judged.verdict == Verdict::Migrate && judged.caveat.is_none() {
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

    /// A client parameter is judged by what the function's callers pass, when every caller
    /// is in view: the function is private, nothing outside the file can reach it, it is
    /// only ever called (never passed as a value), and each call passes a client that is
    /// itself traced. Otherwise the client is untraced.
    fn through_callers(
        &self,
        body: &FnBody,
        param: &str,
        position: usize,
        written: &str,
        depth: usize,
    ) -> Client {
        let text = self.text;
        let untraced = |why: String| {
            Client::Judged(Judged::untraced(format!(
                "the client is a parameter (`{written}`){why}, so responsify cannot see where it sends requests"
            )))
        };
        let Some(private) = &body.private else {
            return untraced(String::new());
        };
        let name = &private.name;
        if !self.callers.sealed {
            return untraced(format!(
                " and `{name}` may be called from modules in other files"
            ));
        }
        if let Some(at) = self.callers.as_value(name, self.bodies) {
            return untraced(format!(
                " and `{name}` is used as a value at line {}",
                self.lines.line(at.start)
            ));
        }
        let me = body.span();
        if self.visiting.borrow().contains(&me) {
            return untraced(format!(" of `{name}`, which its callers call in a cycle"));
        }
        let calls: Vec<_> = self.callers.of_function(private).collect();
        if calls.is_empty() {
            return untraced(format!(" and nothing in this file calls `{name}`"));
        }
        self.visiting.borrow_mut().push(me);
        let mut judged: Vec<Judged> = Vec::new();
        let mut failed = None;
        for call in calls {
            let line = self.lines.line(call.span.start);
            // `Self::name(&self_value, client)` passes the receiver first.
            let index = position + usize::from(private.receiver && !call.method);
            let Some(arg) = call.args.get(index) else {
                failed = Some(format!(" and the call at line {line} passes no client"));
                break;
            };
            // A recursive call that passes the parameter on adds nothing.
            if me.contains(call.span) && ident(peel_clone(arg)).as_deref() == Some(param) {
                continue;
            }
            let Some(caller) = self.body_holding(call.span) else {
                failed = Some(format!(
                    " and the call at line {line} is outside a function"
                ));
                break;
            };
            match self.trace_at(caller, arg, depth + 1) {
                Client::Judged(j) if j.untraced.is_none() => judged.push(j),
                _ => {
                    let at = span_of(arg);
                    failed = Some(format!(
                        " and the call at line {line} passes `{}`, which responsify cannot trace",
                        &text[at.start..at.end]
                    ));
                    break;
                }
            }
        }
        self.visiting.borrow_mut().pop();
        if let Some(why) = failed {
            return untraced(why);
        }
        // Every caller's client is known: a client held back anywhere holds the function
        // back; otherwise a caveat of any caller makes the fix unsafe.
        let held = judged.iter().find(|j| j.verdict != Verdict::Migrate);
        let caveat = judged.iter().find(|j| j.caveat.is_some());
        match held.or(caveat).or(judged.first()) {
            Some(j) => Client::Judged(j.clone()),
            None => untraced(format!(" and `{name}` is only called by itself")),
        }
    }

    /// The innermost function body that holds `at`.
    fn body_holding(&self, at: Span) -> Option<&FnBody<'a>> {
        self.bodies
            .iter()
            .filter(|b| b.span().contains(at))
            .min_by_key(|b| b.span().end - b.span().start)
    }
}

fn peel_clone(expr: &Expr) -> &Expr {
    match peel_refs(expr) {
        Expr::MethodCall(m) if m.method == "clone" && m.args.is_empty() => peel_clone(&m.receiver),
        other => other,
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

/// What a parameter's type says about the client.
enum Parameter {
    /// An async-openai `Client` whose configuration the type does not tell, as written.
    Client(String),
    Judged(Client),
}

/// A client parameter's type: `&Client<AzureConfig>` is Azure's.
fn from_type(written: &str) -> Parameter {
    let written: String = written.split_whitespace().collect();
    if written.contains("AzureConfig") {
        Parameter::Judged(Client::Judged(classify::judge(&ClientFacts::new(
            Constructor::Azure,
        ))))
    } else if written.contains("Client") {
        Parameter::Client(written)
    } else {
        Parameter::Judged(Client::NotOurs)
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
    let mut judged = classify::judge(&ClientFacts {
        base_url: api_base.map(|e| origin(body, e, text, 0)),
        api_version: api_version.map(|e| origin(body, e, text, 0)),
        ..ClientFacts::new(constructor)
    });
    // async-openai's configuration starts from OpenAI's URL, not from `OPENAI_BASE_URL`:
    // only a base URL the code reads from the environment itself comes from there.
    if api_base.is_none() {
        judged.base_url_env.clear();
    }
    Client::Judged(judged)
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
