//! A Chat Completions request that is a function's fallback: earlier in the function, a
//! branch turns to the Responses API and returns.
//!
//! ```ignore
//! async fn complete(&self, request: &Request) -> Result<Reply> {
//!     if self.responses_enabled() {
//!         return self.complete_via_responses_api(request).await;
//!     }
//!     let response = self.client.chat().create(chat_request).await?;
//! }
//! ```

use syn::visit::{self, Visit};

use super::values::span_of;
use crate::model::Span;

/// The call through which `block` (a function's body) turns to the Responses API before
/// `call`: an `if` statement before it, at the body's top level, with a branch that calls
/// something named for Responses and ends in `return`.
pub fn responses_branch_before(block: &syn::Block, call: Span, text: &str) -> Option<String> {
    block
        .stmts
        .iter()
        .take_while(|stmt| span_of(*stmt).end <= call.start)
        .find_map(|stmt| {
            let syn::Stmt::Expr(syn::Expr::If(branch), _) = stmt else {
                return None;
            };
            let otherwise = match branch.else_branch.as_ref().map(|(_, e)| &**e) {
                Some(syn::Expr::Block(b)) => Some(&b.block),
                _ => None,
            };
            std::iter::once(&branch.then_branch)
                .chain(otherwise)
                .find_map(|clause| leaves_through_responses(clause, text))
        })
}

/// The call named for Responses in a branch that then returns.
fn leaves_through_responses(clause: &syn::Block, text: &str) -> Option<String> {
    if !matches!(
        clause.stmts.last(),
        Some(syn::Stmt::Expr(syn::Expr::Return(_), _))
    ) {
        return None;
    }
    let mut calls = Callees::default();
    calls.visit_block(clause);
    crate::classify::responses_call(text, calls.found)
}

/// The written names of the functions and methods a block calls.
#[derive(Default)]
struct Callees {
    found: Vec<Span>,
}

impl<'ast> Visit<'ast> for Callees {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        self.found.push(span_of(&*call.func));
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.found.push(span_of(&call.method));
        visit::visit_expr_method_call(self, call);
    }

    // A closure or item defined in the branch is not called by it.
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
