//! Chat requests written as `json!` bodies: reqwest's `.post(URL).json(&json!({..}))` and
//! async-openai's `chat().create_byot(json!({..}))`, and URL strings that name the chat
//! endpoint.
//!
//! Macro arguments are tokens to syn, so a `json!` body is lifted from its token trees:
//! braces are objects, brackets are arrays, literals are values, and any other run of
//! tokens up to the next comma is a Rust expression, opaque and copied as written. The
//! body then goes through the same rules as a JSON file. A raw HTTP request is migrated
//! only when its URL is a literal on OpenAI's host, since the URL must change with the
//! body; a URL to `/chat/completions` anywhere else is reported, never rewritten: a shared
//! path constant is often used for several providers at once.

use super::values::token_span;
use crate::model::{Entry, Kind, Span, Value};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Lift the body of a `json!` macro.
pub fn lift_json(tokens: TokenStream) -> Option<Value> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    value(&trees)
}

fn group_span(trees: &[TokenTree]) -> Option<Span> {
    let first = token_span(trees.first()?.span());
    let last = token_span(trees.last()?.span());
    Some(Span::new(first.start, last.end))
}

/// Split a token list at its top-level commas.
fn split_commas(trees: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, t) in trees.iter().enumerate() {
        if matches!(t, TokenTree::Punct(p) if p.as_char() == ',') {
            parts.push(&trees[start..i]);
            start = i + 1;
        }
    }
    if start < trees.len() {
        parts.push(&trees[start..]);
    }
    parts
}

fn value(trees: &[TokenTree]) -> Option<Value> {
    let span = group_span(trees)?;
    let kind = match trees {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let mut entries = Vec::new();
            for part in split_commas(&inner) {
                // `"key": value`
                let [TokenTree::Literal(key), TokenTree::Punct(colon), rest @ ..] = part else {
                    return Some(Value {
                        kind: Kind::Opaque,
                        span: Some(span),
                    });
                };
                if colon.as_char() != ':' {
                    return None;
                }
                let key_text = syn::parse_str::<syn::LitStr>(&key.to_string())
                    .ok()?
                    .value();
                let v = value(rest)?;
                let key_span = token_span(key.span());
                entries.push(Entry {
                    key: key_text,
                    key_span: Some(key_span),
                    span: v.span.map(|s| Span::new(key_span.start, s.end)),
                    value: v,
                });
            }
            Kind::Map(entries)
        }
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Bracket => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            Kind::List(
                split_commas(&inner)
                    .into_iter()
                    .map(value)
                    .collect::<Option<Vec<_>>>()?,
            )
        }
        [TokenTree::Literal(lit)] => match syn::parse_str::<syn::Lit>(&lit.to_string()).ok()? {
            syn::Lit::Str(s) => Kind::Str(s.value()),
            syn::Lit::Int(i) => Kind::Num(i.base10_digits().to_string()),
            syn::Lit::Float(f) => Kind::Num(f.base10_digits().to_string()),
            _ => Kind::Opaque,
        },
        [TokenTree::Ident(i)] if i == "true" || i == "false" => Kind::Bool(i == "true"),
        [TokenTree::Ident(i)] if i == "null" => Kind::Null,
        _ => Kind::Opaque,
    };
    Some(Value {
        kind,
        span: Some(span),
    })
}

/// A value as `json!` syntax: source text where it came from the source.
pub fn print(text: &str, value: &Value) -> String {
    if let Some(span) = value.span {
        return text[span.start..span.end].to_string();
    }
    match &value.kind {
        Kind::Str(s) => crate::frontend::json::json_string(s),
        Kind::Num(n) => n.clone(),
        Kind::Bool(b) => b.to_string(),
        Kind::Null => "null".into(),
        Kind::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|v| print(text, v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!(
                    "{}: {}",
                    crate::frontend::json::json_string(&e.key),
                    print(text, &e.value)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Opaque => "null".into(),
    }
}

/// How a URL literal relates to the chat endpoint.
pub enum Url {
    /// OpenAI's own chat endpoint: the span of `chat/completions` inside the literal.
    OpenAiChat(Span),
    /// OpenAI's Responses endpoint: a body sent there is reviewed for Chat Completions residue.
    OpenAiResponses,
    /// The chat path on another server.
    OtherServer(String),
    /// Not the chat endpoint.
    Other,
}

/// Judge a string literal used as a URL.
pub fn judge(lit: &syn::LitStr) -> Url {
    let url = lit.value();
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("");
    let on_openai = host == "api.openai.com";
    if !url.contains("chat/completions") {
        let responses = url.trim_end_matches('/').ends_with("/v1/responses");
        return if on_openai && responses {
            Url::OpenAiResponses
        } else {
            Url::Other
        };
    }
    if !on_openai {
        return Url::OtherServer(url);
    }
    // Only a literal without escapes maps its characters to bytes one for one.
    let token = lit.token().to_string();
    let Some(offset) = token.find("chat/completions") else {
        return Url::Other;
    };
    let start = super::values::span_of(lit).start + offset;
    Url::OpenAiChat(Span::new(start, start + "chat/completions".len()))
}
