//! TypeScript/JavaScript expressions as model values, and a call's first argument as a
//! request body.
//!
//! The body is the object literal passed inline, or the one a `const` of the file holds
//! (`as const`, `satisfies` and type annotations see through). Names used as values
//! (`tools`, `messages`) are followed to the literal they were declared with, and a message
//! list also takes the literals pushed onto it. Spreads whose keys responsify cannot see are
//! reported as hidden keys.

use super::scope::Index;
use super::walk::span_of;
use crate::model::{Container, ContainerKind, Entry, Kind, Span, Value};
use oxc_ast::ast::*;
use oxc_span::GetSpan;

/// Strip what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`.
pub fn unwrap<'a, 'e>(e: &'e Expression<'a>) -> &'e Expression<'a> {
    match e {
        Expression::ParenthesizedExpression(p) => unwrap(&p.expression),
        Expression::TSAsExpression(x) => unwrap(&x.expression),
        Expression::TSSatisfiesExpression(x) => unwrap(&x.expression),
        Expression::TSNonNullExpression(x) => unwrap(&x.expression),
        Expression::TSTypeAssertion(x) => unwrap(&x.expression),
        other => other,
    }
}

/// The key of a property as written, when it is static (`a`, `"a"`, `1`).
pub fn key_name(key: &PropertyKey, computed: bool) -> Option<String> {
    match key {
        PropertyKey::StaticIdentifier(id) if !computed => Some(id.name.as_str().to_string()),
        PropertyKey::StringLiteral(s) => Some(s.value.as_str().to_string()),
        PropertyKey::NumericLiteral(n) if !computed => Some(n.value.to_string()),
        _ => None,
    }
}

/// A literal as a value; anything else is opaque (copied as written).
pub fn lift(source: &str, expr: &Expression) -> Value {
    let inner = unwrap(expr);
    let kind = match inner {
        Expression::StringLiteral(s) => Kind::Str(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => Kind::Str(
            t.quasis
                .first()
                .and_then(|q| q.value.cooked.as_ref())
                .map_or_else(String::new, |c| c.as_str().to_string()),
        ),
        Expression::NumericLiteral(n) => {
            let s = n.span;
            Kind::Num(source[s.start as usize..s.end as usize].to_string())
        }
        Expression::UnaryExpression(u)
            if u.operator == UnaryOperator::UnaryNegation
                && matches!(u.argument, Expression::NumericLiteral(_)) =>
        {
            let s = u.span;
            Kind::Num(source[s.start as usize..s.end as usize].to_string())
        }
        Expression::BooleanLiteral(b) => Kind::Bool(b.value),
        Expression::NullLiteral(_) => Kind::Null,
        Expression::ArrayExpression(a) => Kind::List(
            a.elements
                .iter()
                .map(|el| match el {
                    ArrayExpressionElement::SpreadElement(s) => Value {
                        kind: Kind::Opaque,
                        span: Some(span_of(s.span)),
                    },
                    other => match other.as_expression() {
                        Some(e) => lift(source, e),
                        None => Value {
                            kind: Kind::Opaque,
                            span: Some(span_of(other.span())),
                        },
                    },
                })
                .collect(),
        ),
        Expression::ObjectExpression(o) if plain_object(o) => Kind::Map(
            o.properties
                .iter()
                .filter_map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(p) => Some(entry(source, p)),
                    ObjectPropertyKind::SpreadProperty(_) => None,
                })
                .collect(),
        ),
        _ => Kind::Opaque,
    };
    Value {
        kind,
        span: Some(span_of(inner.span())),
    }
}

/// An object whose every key responsify can read (no spreads, computed keys or methods).
fn plain_object(o: &ObjectExpression) -> bool {
    o.properties.iter().all(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) => {
            !p.method && p.kind == PropertyKind::Init && key_name(&p.key, p.computed).is_some()
        }
        ObjectPropertyKind::SpreadProperty(_) => false,
    })
}

fn entry(source: &str, p: &ObjectProperty) -> Entry {
    Entry {
        key: key_name(&p.key, p.computed).unwrap_or_default(),
        key_span: Some(span_of(p.key.span())),
        value: lift(source, &p.value),
        span: Some(span_of(p.span)),
    }
}

fn object_container(o: &ObjectExpression) -> Container {
    Container {
        span: span_of(o.span),
        members: o.properties.iter().map(|p| span_of(p.span())).collect(),
        kind: ContainerKind::Map,
    }
}

pub(super) fn array_container(a: &ArrayExpression) -> Container {
    Container {
        span: span_of(a.span),
        members: a.elements.iter().map(|e| span_of(e.span())).collect(),
        kind: ContainerKind::List,
    }
}

/// What a call's parameters turned out to be.
pub struct Body {
    pub value: Value,
    pub containers: Vec<Container>,
    /// Where the keys come from what responsify cannot see.
    pub hidden: Vec<String>,
    /// Values from outside whose keys are all visible (messages passed in).
    pub unseen: Vec<String>,
    /// Source followed to a declaration (for grouping units that share it).
    pub shared: Vec<Span>,
}

/// The object literal a body expression stands for: inline, or a `const` of the file.
fn object_of<'a>(
    index: &Index<'a>,
    scope: usize,
    expr: &'a Expression<'a>,
) -> Option<(&'a ObjectExpression<'a>, bool)> {
    match unwrap(expr) {
        Expression::ObjectExpression(o) => Some((o, false)),
        Expression::Identifier(id) => {
            let (found_in, declarator) = index.value_of(scope, id.name.as_str())?;
            match unwrap(declarator.init.as_ref()?) {
                Expression::ObjectExpression(o) => {
                    let _ = found_in;
                    Some((o, true))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Lift the request of a call: its first argument. A second argument (request options) is
/// kept as it is; anything beyond is hidden.
pub fn body<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
    source: &str,
) -> Body {
    body_of(
        index,
        scope,
        call.arguments.first(),
        span_of(call.span),
        source,
    )
}

/// Lift the request whose parameters `first` holds (`None`: no parameters at all; `at` is
/// where the request is, for a body that is not an object literal).
pub fn body_of<'a>(
    index: &Index<'a>,
    scope: usize,
    first: Option<&'a Argument<'a>>,
    at: Span,
    source: &str,
) -> Body {
    match first {
        Some(Argument::SpreadElement(s)) => body_of_expression(
            index,
            scope,
            None,
            vec![format!(
                "`{}`",
                &source[span_of(s.span).start..span_of(s.span).end]
            )],
            at,
            source,
        ),
        Some(arg) => body_of_expression(
            index,
            scope,
            Some(arg.as_expression().expect("not a spread")),
            Vec::new(),
            at,
            source,
        ),
        None => body_of_expression(index, scope, None, Vec::new(), at, source),
    }
}

/// Lift the request whose parameters the expression `first` holds (a Batch line's `body`, a
/// call's argument), with what is already known to be hidden.
pub fn body_of_expression<'a>(
    index: &Index<'a>,
    scope: usize,
    first: Option<&'a Expression<'a>>,
    mut hidden: Vec<String>,
    at: Span,
    source: &str,
) -> Body {
    let mut unseen = Vec::new();
    let mut shared = Vec::new();
    let mut containers = Vec::new();
    let object = match first {
        Some(e) => match object_of(index, scope, e) {
            Some((o, declared)) => {
                if declared {
                    shared.push(span_of(o.span));
                }
                Some(o)
            }
            None => {
                hidden.push(format!(
                    "`{}`",
                    &source[span_of(e.span()).start..span_of(e.span()).end]
                ));
                None
            }
        },
        None => None,
    };
    let mut entries = Vec::new();
    let body_span = object.map_or(at, |o| span_of(o.span));
    if let Some(o) = object {
        containers.push(object_container(o));
        for p in &o.properties {
            match p {
                ObjectPropertyKind::ObjectProperty(p) => match key_name(&p.key, p.computed) {
                    Some(_) if !p.method => entries.push(entry(source, p)),
                    _ => hidden.push(format!(
                        "the computed key `{}`",
                        &source[span_of(p.key.span()).start..span_of(p.key.span()).end]
                    )),
                },
                ObjectPropertyKind::SpreadProperty(s) => {
                    // `...base` where `base` is an object literal of the file: its keys are
                    // visible (and must not be edited from here: they may serve others).
                    match object_of(index, scope, &s.argument) {
                        Some((inner, _)) if plain_object(inner) => {
                            shared.push(span_of(inner.span));
                            for ip in &inner.properties {
                                if let ObjectPropertyKind::ObjectProperty(ip) = ip {
                                    entries.push(entry(source, ip));
                                }
                            }
                            containers.push(object_container(inner));
                        }
                        _ => hidden.push(format!(
                            "`{}`",
                            &source[span_of(s.span).start..span_of(s.span).end]
                        )),
                    }
                }
            }
        }
    }
    // Follow names to the literal they were declared with, so `tools: TOOLS` migrates the list.
    for e in &mut entries {
        let Kind::Opaque = e.value.kind else { continue };
        let Some(at) = e.value.span else { continue };
        let name = &source[at.start..at.end];
        if !is_identifier(name) {
            continue;
        }
        let Some((found_in, declarator)) = index.value_of(scope, name) else {
            if e.key == "messages" && index.is_parameter(scope, name) {
                unseen.push(format!("the messages in `{name}` come from the caller"));
            }
            continue;
        };
        let Some(init) = declarator.init.as_ref() else {
            continue;
        };
        match unwrap(init) {
            Expression::ArrayExpression(list) => {
                shared.push(span_of(list.span));
                containers.push(array_container(list));
                let mut lifted = lift(source, init);
                if e.key == "messages" {
                    unseen.extend(spliced(index, found_in, name, source));
                    // A list declared with a chat type is retyped with the request: every
                    // other use of it must accept the Responses type.
                    let (before, after) = (
                        &source[declarator.span.start as usize..list.span.start as usize],
                        &source[list.span.end as usize..declarator.span.end as usize],
                    );
                    if before.contains("ChatCompletion") || after.contains("ChatCompletion") {
                        unseen.extend(list_readers(
                            index,
                            found_in,
                            name,
                            source,
                            "which still expects the chat type the fix retypes the list from",
                        ));
                    }
                    // A message declared with an object literal is that object.
                    if let Kind::List(items) = &mut lifted.kind {
                        for (el, item) in list.elements.iter().zip(items.iter_mut()) {
                            if let Some(Expression::Identifier(id)) = el.as_expression().map(unwrap)
                            {
                                if let Some(o) = declared_object(index, found_in, id.name.as_str())
                                {
                                    shared.push(span_of(o.span()));
                                    *item = lift(source, o);
                                }
                            }
                        }
                    }
                }
                if e.key == "messages" || e.key == "input" {
                    let pushed = pushed(index, found_in, name, source);
                    // An object pushed by name may be pushed onto other lists too.
                    shared.extend(pushed.iter().filter_map(|v| v.span));
                    if let Kind::List(items) = &mut lifted.kind {
                        items.extend(pushed);
                    }
                }
                e.value = lifted;
            }
            Expression::ObjectExpression(_) => {
                shared.push(span_of(init.span()));
                e.value = lift(source, init);
            }
            Expression::StringLiteral(_) | Expression::NumericLiteral(_) => {
                // A constant model name or limit: its value is visible, its text stays.
                let mut lifted = lift(source, init);
                lifted.span = Some(at);
                e.value = lifted;
            }
            _ => {}
        }
    }
    if let Some(e) = entries.iter().find(|e| e.key == "messages") {
        // Items of the list out of sight (`...history`, a message made elsewhere), each with
        // its line.
        if let Kind::List(items) = &e.value.kind {
            for item in items.iter().filter(|i| matches!(i.kind, Kind::Opaque)) {
                let Some(at) = item.span else { continue };
                unseen.push(format!(
                    "`{}` at line {} puts messages responsify cannot see into the list (Chat-shaped ones, such as `tool_calls` or `tool` messages, are rejected by the Responses API)",
                    &source[at.start..at.end],
                    crate::edit::line_col(source, at.start).0
                ));
            }
        }
        if matches!(e.value.kind, Kind::Opaque) && !unseen.iter().any(|u| u.contains("messages")) {
            let at = e.value.span.map_or("", |s| &source[s.start..s.end]);
            unseen.push(format!(
                "the messages come from `{at}`, which responsify cannot see into"
            ));
        }
    }
    Body {
        value: Value {
            kind: Kind::Map(entries),
            span: Some(body_span),
        },
        containers,
        hidden,
        unseen,
        shared,
    }
}

pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Object literals pushed onto a list: `name.push({...}, {...})` in the scope that declares it.
fn pushed(index: &Index, scope: usize, name: &str, source: &str) -> Vec<Value> {
    let span = index.scopes[scope].span;
    let mut out = Vec::new();
    for (call, at) in &index.calls {
        if !span.contains(span_of(call.span)) || index.scope_at(span_of(call.span)) != *at {
            continue;
        }
        let Expression::StaticMemberExpression(m) = &call.callee else {
            continue;
        };
        if !matches!(m.property.name.as_str(), "push" | "unshift") || !m.object.is_specific_id(name)
        {
            continue;
        }
        for arg in &call.arguments {
            match arg.as_expression().map(unwrap) {
                Some(Expression::ObjectExpression(_)) => {
                    out.push(lift(source, arg.as_expression().expect("checked")));
                }
                Some(Expression::Identifier(id)) => {
                    if let Some(o) = declared_object(index, *at, id.name.as_str()) {
                        out.push(lift(source, o));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The object literal `name` is declared with (once, never reassigned), seen from `scope`.
fn declared_object<'a>(index: &Index<'a>, scope: usize, name: &str) -> Option<&'a Expression<'a>> {
    let (_, declarator) = index.value_of(scope, name)?;
    let init = declarator.init.as_ref()?;
    matches!(unwrap(init), Expression::ObjectExpression(_)).then_some(init)
}

/// Calls that grow the message list `name` (declared in `scope`) with messages responsify
/// cannot see: `name.push(...history)`, `name.push(m)` of a loop variable or a call's
/// result, `unshift` and `splice` alike, anywhere in the declaring function (callbacks
/// included). Object literals, names declared with one, and the reply (a chain through
/// `choices` or ending on `.message`, which `reply-append` rewrites) are in view. Each is
/// named with its line: a Chat-shaped item (`tool_calls`, a `tool` message) is rejected by
/// the Responses API.
fn spliced(index: &Index, scope: usize, name: &str, source: &str) -> Vec<String> {
    let within = index.scopes[scope].span;
    let mut out = Vec::new();
    for (call, at) in &index.calls {
        let call_span = span_of(call.span);
        if !within.contains(call_span) || index.declarations(*at, name).0 != scope {
            continue;
        }
        let Expression::StaticMemberExpression(m) = &call.callee else {
            continue;
        };
        if !m.object.is_specific_id(name) {
            continue;
        }
        let added = match m.property.name.as_str() {
            "push" | "unshift" => &call.arguments[..],
            "splice" => call.arguments.get(2..).unwrap_or(&[]),
            _ => continue,
        };
        let in_view = |arg: &Argument| match arg.as_expression().map(unwrap) {
            Some(Expression::ObjectExpression(_)) => true,
            Some(Expression::Identifier(id)) => {
                declared_object(index, *at, id.name.as_str()).is_some()
                    || index
                        .value_of(*at, id.name.as_str())
                        .and_then(|(_, d)| d.init.as_ref())
                        .is_some_and(reply_like)
            }
            Some(other) => reply_like(other),
            None => false,
        };
        if !added.iter().all(in_view) {
            out.push(format!(
                "`{}` at line {} puts messages responsify cannot see into the list (Chat-shaped ones, such as `tool_calls` or `tool` messages, are rejected by the Responses API)",
                &source[call_span.start..call_span.end],
                crate::edit::line_col(source, call_span.start).0
            ));
        }
    }
    out
}

/// The reply of a chat call, as code writes it: a member chain through `choices` or ending on
/// `.message` (`r.choices[0].message`, `choice.message`, `r.choices[0]?.message`).
fn reply_like(e: &Expression) -> bool {
    let mut at = unwrap(e);
    let mut last = true;
    loop {
        match at {
            Expression::StaticMemberExpression(m) => {
                let p = m.property.name.as_str();
                if p == "choices" || (last && p == "message") {
                    return true;
                }
                at = unwrap(&m.object);
            }
            Expression::ComputedMemberExpression(m) => {
                if let Expression::StringLiteral(k) = &m.expression {
                    let p = k.value.as_str();
                    if p == "choices" || (last && p == "message") {
                        return true;
                    }
                }
                at = unwrap(&m.object)
            }
            Expression::ChainExpression(c) => match c.expression.as_member_expression() {
                Some(MemberExpression::StaticMemberExpression(m)) => {
                    let p = m.property.name.as_str();
                    if p == "choices" || (last && p == "message") {
                        return true;
                    }
                    at = unwrap(&m.object);
                }
                Some(MemberExpression::ComputedMemberExpression(m)) => at = unwrap(&m.object),
                _ => return false,
            },
            _ => return false,
        }
        last = false;
    }
}

/// Where the message list `name` (seen from `scope`) is used by anything else than a request
/// that sends it (`{ messages }`, `input: name`) and the calls that grow it (`push`,
/// `unshift`, `splice`): one line each, saying `why` such a use breaks.
pub fn list_readers(
    index: &Index,
    scope: usize,
    name: &str,
    source: &str,
    why: &str,
) -> Vec<String> {
    let (found_in, _) = index.declarations(scope, name);
    struct Readers<'n> {
        name: &'n str,
        allowed: std::collections::HashSet<Span>,
        found: Vec<Span>,
    }
    impl<'a> super::walk::Visitor<'a> for Readers<'_> {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            if let Expression::CallExpression(call) = e {
                if let Expression::StaticMemberExpression(m) = &call.callee {
                    if m.object.is_specific_id(self.name)
                        && matches!(m.property.name.as_str(), "push" | "unshift" | "splice")
                    {
                        self.allowed.insert(span_of(m.object.span()));
                    }
                }
            }
            // A request body (an object with a `model`, inline or declared) that sends it.
            if let Expression::ObjectExpression(o) = e {
                let keys: Vec<(Option<String>, &Expression)> = o
                    .properties
                    .iter()
                    .filter_map(|p| match p {
                        ObjectPropertyKind::ObjectProperty(p) => {
                            Some((key_name(&p.key, p.computed), &p.value))
                        }
                        ObjectPropertyKind::SpreadProperty(_) => None,
                    })
                    .collect();
                if keys.iter().any(|(k, _)| k.as_deref() == Some("model")) {
                    for (key, value) in keys {
                        if matches!(key.as_deref(), Some("messages" | "input"))
                            && unwrap(value).is_specific_id(self.name)
                        {
                            self.allowed.insert(span_of(unwrap(value).span()));
                        }
                    }
                }
            }
            if e.is_specific_id(self.name) && !self.allowed.contains(&span_of(e.span())) {
                self.found.push(span_of(e.span()));
            }
            true
        }
    }
    let mut readers = Readers {
        name,
        allowed: Default::default(),
        found: Vec::new(),
    };
    super::walk::statements(&mut readers, &index.program.body);
    let mut lines = Vec::new();
    for at in readers.found {
        if index.declarations(index.scope_at(at), name).0 != found_in {
            continue;
        }
        let (line, _) = crate::edit::line_col(source, at.start);
        if lines.iter().any(|(l, _)| *l == line) {
            continue;
        }
        let start = source[..at.start].rfind('\n').map_or(0, |i| i + 1);
        let end = source[at.start..]
            .find('\n')
            .map_or(source.len(), |i| at.start + i);
        lines.push((line, source[start..end].trim().to_string()));
    }
    lines
        .into_iter()
        .map(|(line, text)| format!("`{name}` is used at line {line} (`{text}`), {why}"))
        .collect()
}
