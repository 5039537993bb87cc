//! Tests that stub the chat completions method: `mock.chat.completions.create.return_value`,
//! `.assert_called_once_with(...)`, `patch("pkg.client.chat.completions.create")`,
//! `patch.object(client.chat.completions, "create")`.
//!
//! The stub is not a request, but the test changes with the code it tests, so the file gets
//! one finding that says where and how often.

use super::values::span;
use crate::model::Span;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// What `unittest.mock` (and pytest-mock) read or set on a stubbed method.
const MOCK_ATTRIBUTES: &[&str] = &[
    "return_value",
    "side_effect",
    "call_args",
    "call_args_list",
    "call_count",
    "called",
    "await_args",
    "await_count",
    "mock_calls",
    "assert_called",
    "assert_called_once",
    "assert_called_with",
    "assert_called_once_with",
    "assert_any_call",
    "assert_has_calls",
    "assert_not_called",
    "assert_awaited",
    "assert_awaited_once",
    "assert_awaited_with",
    "assert_awaited_once_with",
    "reset_mock",
];

/// `X.chat.completions.create` (through `beta.` too): the span of `chat.completions.create`.
fn chat_create_path(expr: &Expr) -> Option<Span> {
    let Expr::Attribute(create) = expr else {
        return None;
    };
    let Expr::Attribute(completions) = &*create.value else {
        return None;
    };
    let Expr::Attribute(chat) = &*completions.value else {
        return None;
    };
    (create.attr.id.as_str() == "create"
        && completions.attr.id.as_str() == "completions"
        && chat.attr.id.as_str() == "chat")
        .then(|| {
            Span::new(
                chat.attr.range.start().to_usize(),
                create.attr.range.end().to_usize(),
            )
        })
}

/// Whether `call` is `patch(...)`, `mock.patch(...)`, `mocker.patch(...)` or their `.object`.
fn patch_kind(call: &ast::ExprCall) -> Option<bool> {
    match &*call.func {
        Expr::Name(n) if n.id.as_str() == "patch" => Some(false),
        Expr::Attribute(a) if a.attr.id.as_str() == "patch" => Some(false),
        Expr::Attribute(a) if a.attr.id.as_str() == "object" => match &*a.value {
            Expr::Name(n) if n.id.as_str() == "patch" => Some(true),
            Expr::Attribute(p) if p.attr.id.as_str() == "patch" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Default)]
struct Stubs {
    /// Each place, with the span to report and the path it stubs.
    found: Vec<(Span, Span)>,
}

impl<'a> Visitor<'a> for Stubs {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(a) if MOCK_ATTRIBUTES.contains(&a.attr.id.as_str()) => {
                if let Some(path) = chat_create_path(&a.value) {
                    self.found.push((span(a.range), path));
                }
            }
            Expr::Call(call) => match (patch_kind(call), call.arguments.args.as_ref()) {
                (Some(false), [Expr::StringLiteral(target), ..])
                    if target.value.to_str().ends_with("chat.completions.create") =>
                {
                    let at = span(target.range);
                    self.found.push((span(call.range()), at));
                }
                (Some(true), [owner, Expr::StringLiteral(method), ..])
                    if method.value.to_str() == "create"
                        && matches!(owner, Expr::Attribute(c) if c.attr.id.as_str() == "completions"
                            && matches!(&*c.value, Expr::Attribute(chat) if chat.attr.id.as_str() == "chat")) =>
                {
                    self.found.push((span(call.range()), span(owner.range())));
                }
                _ => {}
            },
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// The stubs of the chat completions method in a module, in source order: where each one
/// is and the path it stubs.
pub fn chat_stubs(module: &[Stmt]) -> Vec<(Span, Span)> {
    let mut stubs = Stubs::default();
    stubs.visit_body(module);
    stubs.found.sort_by_key(|(at, _)| at.start);
    stubs.found
}
