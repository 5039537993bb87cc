//! Lifting async-openai builder chains and Rust literals into model values.
//!
//! async-openai builds every request with `derive_builder`: `XArgs::default().a(..).b(..)
//! .build()`. A chain lifts to a map whose entries are its setter calls (the key is the
//! method name, because setter names are the wire names), so the language-neutral rules see
//! the same parameters they see in a JSON body. Each setter keeps the span from its `.` to
//! its `)`, which is what removing it deletes; its method name keeps its own span, which is
//! what renaming it replaces.

use crate::model::{Entry, Kind, Span, Value};
use syn::spanned::Spanned;
use syn::{Expr, ExprMethodCall, Lit};

/// The byte range of a syntax node (spans are located; see the `span-locations` feature).
pub fn span_of<T: Spanned + ?Sized>(node: &T) -> Span {
    let range = node.span().byte_range();
    Span::new(range.start, range.end)
}

pub fn token_span(span: proc_macro2::Span) -> Span {
    let range = span.byte_range();
    Span::new(range.start, range.end)
}

/// One setter call of a builder chain.
#[derive(Clone, Debug)]
pub struct Setter {
    pub name: String,
    /// The method name.
    pub key: Span,
    /// From the `.` to the closing parenthesis.
    pub call: Span,
    /// Where the expression before this call ends: removing the setter deletes from here,
    /// so the line it sat on goes with it.
    pub after_previous: Span,
    pub value: Value,
    /// A statement on a builder inside a branch or loop its `let` is outside of.
    pub conditional: bool,
}

/// `Type::default().setter(..)....build()` (the `build` is optional: a chain may end
/// before it when the builder is built elsewhere).
#[derive(Clone, Debug)]
pub struct Chain {
    /// The type's path without the `::default`/`::new` (`CreateChatCompletionRequestArgs`,
    /// or `async_openai::types::chat::CreateChatCompletionRequestArgs`).
    pub type_path: Span,
    /// The last segment of the type's path.
    pub type_name: String,
    /// `Type::default()`.
    pub root: Span,
    pub setters: Vec<Setter>,
    /// `.build()`, from its `.` to its `)`.
    pub build: Option<Span>,
    /// The whole chain without `.build()` and what follows it: the body's span.
    pub body: Span,
    /// `.into()` after the build (from its `.` to its `)`), which message lists need.
    pub into: Option<Span>,
    /// A builder kept in a `let mut` and configured by statements (`args.model(..);`): its
    /// name, and where a new setter statement goes (the end of the `let`).
    pub statements: Option<(String, usize)>,
}

pub fn method_span(call: &ExprMethodCall) -> Span {
    Span::new(
        token_span(call.dot_token.span).start,
        token_span(call.paren_token.span.close()).end,
    )
}

/// Peel `?`, `.unwrap()`, `.expect(..)`, `.into()` and parentheses off an expression.
fn peel(expr: &Expr) -> (&Expr, Option<Span>) {
    let mut at = expr;
    let mut into = None;
    loop {
        match at {
            Expr::Try(t) => at = &t.expr,
            Expr::Paren(p) => at = &p.expr,
            Expr::MethodCall(m)
                if matches!(m.method.to_string().as_str(), "unwrap" | "expect" | "into")
                    && m.args.len() <= 1 =>
            {
                if m.method == "into" {
                    into = Some(Span::new(span_of(&*m.receiver).end, method_span(m).end));
                }
                at = &m.receiver;
            }
            _ => return (at, into),
        }
    }
}

/// The builder chain an expression is, if it is one.
pub fn chain(expr: &Expr) -> Option<Chain> {
    let (inner, into) = peel(expr);
    let mut build = None;
    let mut at = inner;
    if let Expr::MethodCall(m) = at {
        if m.method == "build" && m.args.is_empty() {
            build = Some(method_span(m));
            at = &m.receiver;
        }
    }
    let mut calls = Vec::new();
    while let Expr::MethodCall(m) = at {
        calls.push(m);
        at = &m.receiver;
    }
    calls.reverse();
    let Expr::Call(root) = at else { return None };
    let Expr::Path(func) = &*root.func else {
        return None;
    };
    let segments = &func.path.segments;
    if segments.len() < 2 || !root.args.is_empty() {
        return None;
    }
    let last = segments.last()?;
    if last.ident != "default" && last.ident != "new" {
        return None;
    }
    let ty = &segments[segments.len() - 2];
    let type_name = ty.ident.to_string();
    let type_path = Span::new(span_of(&func.path).start, span_of(&ty.ident).end);
    let root_span = span_of(root);
    let mut previous_end = root_span.end;
    let mut setters = Vec::new();
    for call in calls {
        let call_span = method_span(call);
        let value = match call.args.len() {
            1 => lift(&call.args[0]),
            _ => Value {
                kind: Kind::Opaque,
                span: Some(Span::new(
                    token_span(call.paren_token.span.open()).start,
                    call_span.end,
                )),
            },
        };
        setters.push(Setter {
            name: call.method.to_string(),
            key: span_of(&call.method),
            call: call_span,
            after_previous: Span::new(previous_end, call_span.end),
            value,
            conditional: false,
        });
        previous_end = call_span.end;
    }
    Some(Chain {
        type_path,
        type_name,
        root: root_span,
        body: Span::new(root_span.start, previous_end),
        setters,
        build,
        into,
        statements: None,
    })
}

impl Chain {
    /// The chain as a map: one entry per setter.
    pub fn to_map(&self) -> Value {
        Value {
            kind: Kind::Map(
                self.setters
                    .iter()
                    .map(|s| Entry {
                        key: s.name.clone(),
                        key_span: Some(s.key),
                        value: s.value.clone(),
                        span: Some(s.call),
                    })
                    .collect(),
            ),
            span: Some(self.body),
        }
    }
}

fn opaque(expr: &Expr) -> Value {
    Value {
        kind: Kind::Opaque,
        span: Some(span_of(expr)),
    }
}

/// `snake_case` of an enum variant's name (`JsonObject` → `json_object`).
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The elements of `[a, b]` or `vec![a, b]`.
pub fn list_elements(expr: &Expr) -> Option<Vec<Expr>> {
    match expr {
        Expr::Array(a) => Some(a.elems.iter().cloned().collect()),
        Expr::Reference(r) => list_elements(&r.expr),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            let parsed = m.mac.parse_body_with(
                syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            );
            parsed.ok().map(|p| p.into_iter().collect())
        }
        _ => None,
    }
}

/// Lift an argument: literals and the enum values whose wire form is known; anything else
/// is opaque and copied as written.
pub fn lift(expr: &Expr) -> Value {
    let span = Some(span_of(expr));
    let kind = match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Kind::Str(s.value()),
            Lit::Int(i) => Kind::Num(i.base10_digits().to_string()),
            Lit::Float(f) => Kind::Num(f.base10_digits().to_string()),
            Lit::Bool(b) => Kind::Bool(b.value),
            _ => Kind::Opaque,
        },
        // `"text".to_string()`, `"text".into()`, `String::from("text")`: a string.
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "into" | "to_owned"
                ) =>
        {
            match lift(&m.receiver).kind {
                Kind::Str(s) => Kind::Str(s),
                _ => Kind::Opaque,
            }
        }
        Expr::Call(c) if c.args.len() == 1 && path_ends(&c.func, &["String", "from"]) => {
            match lift(&c.args[0]).kind {
                Kind::Str(s) => Kind::Str(s),
                _ => Kind::Opaque,
            }
        }
        Expr::Path(p) => {
            let names: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match names.as_slice() {
                [.., ty, variant] if ty == "ReasoningEffort" || ty == "Verbosity" => {
                    Kind::Str(snake(variant))
                }
                [.., ty, variant] if ty == "ResponseFormat" => {
                    return Value {
                        span,
                        ..Value::map([("type", Value::str(snake(variant)))])
                    }
                }
                _ => Kind::Opaque,
            }
        }
        // `ResponseFormat::JsonSchema { json_schema: ResponseFormatJsonSchema { .. } }`
        Expr::Struct(s) => {
            let names: Vec<String> = s
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let mut entries = Vec::new();
            if let [.., ty, variant] = names.as_slice() {
                if ty == "ResponseFormat" {
                    entries.push(Entry {
                        key: "type".into(),
                        key_span: None,
                        value: Value::str(snake(variant)),
                        span: None,
                    });
                }
            }
            for field in &s.fields {
                let syn::Member::Named(name) = &field.member else {
                    return opaque(expr);
                };
                entries.push(Entry {
                    key: name.to_string(),
                    key_span: Some(span_of(name)),
                    value: lift(&field.expr),
                    span: Some(span_of(field)),
                });
            }
            if s.rest.is_some() {
                return opaque(expr);
            }
            Kind::Map(entries)
        }
        Expr::Array(_) | Expr::Macro(_) => match list_elements(expr) {
            Some(items) => Kind::List(items.iter().map(lift).collect()),
            None => Kind::Opaque,
        },
        // `ChatCompletionTools::Function(ChatCompletionTool { function: .. })`: a function
        // tool, `{"type": "function", "function": {..}}` on the wire.
        Expr::Call(c)
            if c.args.len() == 1 && path_ends(&c.func, &["ChatCompletionTools", "Function"]) =>
        {
            let Expr::Struct(tool) = &c.args[0] else {
                return opaque(expr);
            };
            let Some(function) = tool
                .fields
                .iter()
                .find(|f| matches!(&f.member, syn::Member::Named(n) if n == "function"))
            else {
                return opaque(expr);
            };
            let function = match chain(&function.expr) {
                Some(c) if c.type_name == "FunctionObjectArgs" && c.build.is_some() => c.to_map(),
                _ => lift(&function.expr),
            };
            Value::map([("type", Value::str("function")), ("function", function)]).kind
        }
        // `ChatCompletionToolChoiceOption::Mode(ToolChoiceOptions::Auto)`: the mode's name.
        Expr::Call(c)
            if c.args.len() == 1
                && path_ends(&c.func, &["ChatCompletionToolChoiceOption", "Mode"]) =>
        {
            let Expr::Path(p) = &c.args[0] else {
                return opaque(expr);
            };
            let names: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match names.as_slice() {
                [.., ty, variant] if ty == "ToolChoiceOptions" => Kind::Str(snake(variant)),
                _ => return opaque(expr),
            }
        }
        // `ChatCompletionToolChoiceOption::Function(ChatCompletionNamedToolChoice { function:
        // FunctionName { name } })`: `{"type": "function", "function": {"name": ..}}`.
        Expr::Call(c)
            if c.args.len() == 1
                && path_ends(&c.func, &["ChatCompletionToolChoiceOption", "Function"]) =>
        {
            let field = |e: &Expr, name: &str| -> Option<Expr> {
                let Expr::Struct(st) = e else { return None };
                if st.rest.is_some() || st.fields.len() != 1 {
                    return None;
                }
                st.fields
                    .iter()
                    .find(|f| matches!(&f.member, syn::Member::Named(n) if n == name))
                    .map(|f| f.expr.clone())
            };
            let Some(name) = field(&c.args[0], "function").and_then(|f| field(&f, "name")) else {
                return opaque(expr);
            };
            let name = lift(&name);
            Value::map([
                ("type", Value::str("function")),
                ("function", Value::map([("name", name)])),
            ])
            .kind
        }
        // `Some(x)` in a struct field is the value `x`.
        Expr::Call(c) if c.args.len() == 1 && path_ends(&c.func, &["Some"]) => {
            let mut inner = lift(&c.args[0]);
            inner.span = span;
            if matches!(inner.kind, Kind::Str(_) | Kind::Num(_) | Kind::Bool(_)) {
                return inner;
            }
            Kind::Opaque
        }
        _ => Kind::Opaque,
    };
    Value { kind, span }
}

/// Does `expr` name a path that ends with these segments?
pub fn path_ends(expr: &Expr, names: &[&str]) -> bool {
    let Expr::Path(p) = expr else { return false };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments.len() >= names.len()
        && segments[segments.len() - names.len()..]
            .iter()
            .zip(names)
            .all(|(a, b)| a == b)
}

/// The single identifier an expression is (`request`, `&request`), if it is one.
pub fn ident(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
        Expr::Reference(r) => ident(&r.expr),
        Expr::Paren(p) => ident(&p.expr),
        _ => None,
    }
}
