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
                if e.key == "messages" || e.key == "input" {
                    let pushed = pushed(index, found_in, name, source);
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
        let opaque_parts = match &e.value.kind {
            Kind::Opaque => true,
            Kind::List(items) => items.iter().any(|i| matches!(i.kind, Kind::Opaque)),
            _ => false,
        };
        if opaque_parts && !unseen.iter().any(|u| u.contains("messages")) {
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
        if m.property.name.as_str() != "push" || !m.object.is_specific_id(name) {
            continue;
        }
        for arg in &call.arguments {
            if let Some(Expression::ObjectExpression(_)) = arg.as_expression().map(unwrap) {
                out.push(lift(source, arg.as_expression().expect("checked")));
            }
        }
    }
    out
}
