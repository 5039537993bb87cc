//! A Chat Completions request that is a function's fallback: earlier in the function, a
//! branch turns to the Responses API and leaves.
//!
//! ```python
//! def stream(messages, model):
//!     if use_responses_api(model):
//!         return (yield from _stream_responses(messages, model))
//!     return client.chat.completions.create(model=model, messages=messages, stream=True)
//! ```

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::values::span;
use crate::model::Span;

/// The call through which `body` (a function's) turns to the Responses API before `call`:
/// an `if` before it, at the function's top level, with a branch that calls something named
/// for Responses (`_stream_responses`, `self.create_via_responses_api`, `client.responses
/// .create`) and ends in `return`.
pub fn responses_branch_before(body: &[Stmt], call: Span, text: &str) -> Option<String> {
    body.iter()
        .take_while(|stmt| (stmt.end().to_usize()) <= call.start)
        .find_map(|stmt| {
            let Stmt::If(branch) = stmt else {
                return None;
            };
            std::iter::once(&branch.body[..])
                .chain(branch.elif_else_clauses.iter().map(|c| &c.body[..]))
                .find_map(|clause| leaves_through_responses(clause, text))
        })
}

/// The call named for Responses in a branch that then leaves the function.
fn leaves_through_responses(clause: &[Stmt], text: &str) -> Option<String> {
    if !matches!(clause.last(), Some(Stmt::Return(_))) {
        return None;
    }
    let mut calls = Callees::default();
    for stmt in clause {
        calls.visit_stmt(stmt);
    }
    crate::classify::responses_call(text, calls.found.into_iter().map(|c| span(c.range())))
}

#[derive(Default)]
struct Callees<'a> {
    found: Vec<&'a Expr>,
}

impl<'a> Visitor<'a> for Callees<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // A function defined in the branch is not called by it.
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(ast::ExprCall { func, .. }) = expr {
            self.found.push(func);
        }
        visitor::walk_expr(self, expr);
    }
}
