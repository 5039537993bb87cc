//! A Batch pipeline written in one Python file: the dicts it writes as input lines
//! (`{"custom_id": ..., "method": "POST", "url": "/v1/chat/completions", "body": {...}}`), the
//! `batches.create(endpoint="/v1/chat/completions")` they are sent with, and the code that reads
//! the output file (`json.loads(line)["response"]["body"]["choices"][0]...`).
//!
//! The Batch API takes one endpoint for every line of a batch, so the three move together or
//! not at all: each line is a unit whose fix also rewrites the batch's `endpoint`, and the
//! output readers' reads are part of it. A piece that is not in this file (the batch created
//! elsewhere, its output read elsewhere) keeps the fix display-only.

use super::reads::{self, Shape, Statements};
use super::scope::{scope_exprs, Index};
use super::values::{self, span};
use crate::model::{Kind, Site, Span, Unit, Verdict};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use std::cell::OnceCell;

/// An input line built in code: the dict, its `url` literal and its `body`.
pub struct Line<'a> {
    pub scope: usize,
    pub dict: &'a ast::ExprDict,
    url: &'a ast::ExprStringLiteral,
    body: &'a Expr,
}

/// The `batches.create(...)` of the file: its call, the client it is made on, and the
/// `endpoint` literal.
pub struct Creation<'a> {
    pub scope: usize,
    pub receiver: &'a Expr,
    /// `batches.create`, as written.
    pub path: Span,
    pub endpoint: Option<&'a ast::ExprStringLiteral>,
}

fn value_of<'a>(dict: &'a ast::ExprDict, key: &str) -> Option<&'a Expr> {
    dict.items.iter().find_map(|item| match &item.key {
        Some(Expr::StringLiteral(k)) if k.value.to_str() == key => Some(&item.value),
        _ => None,
    })
}

/// Dict literals shaped as Batch input lines for the Chat Completions endpoint.
pub fn lines<'a>(index: &Index<'a>) -> Vec<Line<'a>> {
    #[derive(Default)]
    struct Dicts<'a>(Vec<&'a ast::ExprDict>);
    impl<'a> Visitor<'a> for Dicts<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Dict(d) = expr {
                self.0.push(d);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut found = Vec::new();
    for (scope, expr) in scope_exprs(index) {
        let mut dicts = Dicts::default();
        dicts.visit_expr(expr);
        for dict in dicts.0 {
            let (Some(Expr::StringLiteral(url)), Some(body)) =
                (value_of(dict, "url"), value_of(dict, "body"))
            else {
                continue;
            };
            let path = url.value.to_str();
            if path.trim_end_matches('/') == "/v1/chat/completions" {
                found.push(Line {
                    scope,
                    dict,
                    url,
                    body,
                });
            }
        }
    }
    found
}

/// `X.batches.create(..., endpoint="/v1/chat/completions")`.
pub fn creation<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a ast::ExprCall,
) -> Option<Creation<'a>> {
    let Expr::Attribute(create) = &*call.func else {
        return None;
    };
    let Expr::Attribute(batches) = &*create.value else {
        return None;
    };
    if create.attr.id.as_str() != "create" || batches.attr.id.as_str() != "batches" {
        return None;
    }
    let endpoint = super::classify::keyword(call, "endpoint")?;
    let named = super::classify::string_value(index, scope, endpoint)?;
    if named.trim_end_matches('/') != "/v1/chat/completions" {
        return None;
    }
    Some(Creation {
        scope,
        path: Span::new(
            batches.attr.range.start().to_usize(),
            create.attr.range.end().to_usize(),
        ),
        receiver: &batches.value,
        endpoint: match endpoint {
            Expr::StringLiteral(s) => Some(s),
            _ => None,
        },
    })
}

/// `json.loads(...)` calls whose result is read as a Batch output line through
/// `["response"]["body"]`: the reads of each, and what leaves sight.
pub fn output_reads<'a>(
    index: &Index<'a>,
    statements: &[OnceCell<Statements<'a>>],
    text: &str,
) -> Option<reads::Uses> {
    // Cheap look first: most files that write lines do not read output the same way.
    if !text.contains("\"body\"]") && !text.contains("'body']") {
        return None;
    }
    #[derive(Default)]
    struct Loads<'a>(Vec<&'a ast::ExprCall>);
    impl<'a> Visitor<'a> for Loads<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                if matches!(&*call.func, Expr::Attribute(a) if a.attr.id.as_str() == "loads"
                    && matches!(&*a.value, Expr::Name(m) if m.id.as_str() == "json"))
                {
                    self.0.push(call);
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut all = reads::Uses::default();
    let mut any = false;
    for (scope, expr) in scope_exprs(index) {
        let mut loads = Loads::default();
        loads.visit_expr(expr);
        for call in loads.0 {
            let own = statements[scope].get_or_init(|| Statements::new(index.scopes[scope].body));
            let uses = reads::analyze(own, span(call.range()), Shape::BatchOutput, text);
            if uses.reads.is_empty() {
                continue;
            }
            any = true;
            all.reads.extend(uses.reads);
            all.unseen.extend(uses.unseen);
            if uses.returned.is_some() {
                all.unseen.push(
                    "a Batch output line is returned to callers, which are not followed".into(),
                );
            }
        }
    }
    any.then_some(all)
}

/// One input line as a unit: its body, its `url` and the batch's `endpoint` switched
/// together, the output reads joined to it.
pub fn unit(
    index: &Index,
    line: &Line,
    creation: Option<&Creation>,
    creations: usize,
    first: bool,
    output: Option<&reads::Uses>,
    text: &str,
) -> (Unit, Vec<Span>) {
    let body = values::json_body(index, line.scope, line.body, text);
    // The first line of the group carries the batch's endpoint and its output reads.
    let endpoint = creation
        .filter(|_| first)
        .and_then(|c| c.endpoint)
        .and_then(|e| super::raw::chat_path(span(e.range), text));
    let (mut unit, shared) = super::raw::body_unit(
        index,
        line.scope,
        body.unwrap_or_else(values::Body::out_of_sight),
        Site::Http {
            url: super::raw::chat_path(span(line.url.range), text),
            endpoint,
        },
        span(line.dict.range),
        Verdict::Migrate,
    );
    match creation {
        None => unit.unseen.push(
            "the batch these lines go to is created elsewhere: its `endpoint` must change with them"
                .into(),
        ),
        Some(c) => {
            super::classify::trace(index, c.scope, c.receiver, text).apply_to(&mut unit);
            if creations > 1 {
                unit.unfixable
                    .push("the file creates more than one batch for `/v1/chat/completions`".into());
            } else if first && endpoint.is_none() {
                unit.unfixable.push(
                    "the batch's `endpoint` is not a literal responsify can rewrite".into(),
                );
            }
        }
    }
    match output {
        Some(uses) => {
            unit.reads.extend(uses.reads.iter().cloned());
            unit.unseen.extend(uses.unseen.iter().cloned());
        }
        None if !first => {}
        None => unit.unseen.push(
            "no reader of the batch's output (`json.loads(line)[\"response\"][\"body\"]…`) was found in this file: where it is read, `choices` becomes `output`"
                .into(),
        ),
    }
    if matches!(
        unit.request.body.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    ) {
        unit.unfixable.push("a Batch line cannot stream".into());
    }
    (unit, shared)
}
