//! A Chat Completions request that is a function's fallback: earlier in the function, a
//! branch turns to the Responses API and returns.
//!
//! ```ts
//! async complete(messages) {
//!   if (this.useResponsesApi) return this.completeViaResponses(messages);
//!   return this.client.chat.completions.create({ model: this.model, messages });
//! }
//! ```

use oxc_ast::ast::*;
use oxc_span::GetSpan;

use super::walk::{self, span_of, FunctionRef, Visitor};
use crate::model::Span;

/// The call through which `statements` (a function's body) turn to the Responses API before
/// `call`: an `if` before it, at the body's top level, with a branch that calls something
/// named for Responses and ends in `return`.
pub fn responses_branch_before(statements: &[Statement], call: Span, text: &str) -> Option<String> {
    statements
        .iter()
        .take_while(|stmt| span_of(stmt.span()).end <= call.start)
        .find_map(|stmt| {
            let Statement::IfStatement(branch) = stmt else {
                return None;
            };
            std::iter::once(&branch.consequent)
                .chain(branch.alternate.as_ref())
                .find_map(|clause| leaves_through_responses(clause, text))
        })
}

/// The call named for Responses in a branch that then returns.
fn leaves_through_responses(clause: &Statement, text: &str) -> Option<String> {
    let last = match clause {
        Statement::BlockStatement(block) => block.body.last()?,
        one => one,
    };
    if !matches!(last, Statement::ReturnStatement(_)) {
        return None;
    }
    let mut calls = Callees::default();
    walk::statement(&mut calls, clause);
    crate::classify::responses_call(text, calls.found)
}

/// The written callees of the calls a branch makes (not of the functions it defines).
#[derive(Default)]
struct Callees {
    found: Vec<Span>,
    depth: usize,
}

impl<'a> Visitor<'a> for Callees {
    fn expr(&mut self, expr: &'a Expression<'a>) -> bool {
        if let Expression::CallExpression(call) = expr {
            if self.depth == 0 {
                self.found.push(span_of(call.callee.span()));
            }
        }
        true
    }

    fn enter_function(&mut self, _: oxc_span::Span, _: Vec<String>, _: FunctionRef<'a>) {
        self.depth += 1;
    }

    fn exit_function(&mut self) {
        self.depth -= 1;
    }
}
