//! A response that a function returns, followed into the function's callers in the file.
//!
//! `async fn ask(..) -> Result<CreateChatCompletionResponse, OpenAIError>` that ends in
//! `Ok(response)` (or in the call's `.await` itself) hands the completion to whoever calls
//! `ask`: `let reply = ask(..).await?; reply.choices[0].message.content` is a read of the
//! unit and migrates with the call, and the declared return type becomes
//! `responses::Response` in the same fix. Callers are followed one function up, as the
//! Python and TypeScript front ends do (their `callers` modules), within Rust's rules of
//! sight: only a private free function of a file that no other file can reach into has
//! every caller here. A public function, a method, a function used as a value, a file with
//! modules elsewhere, or a return type that does not name the chat response keeps the fix
//! from being applied, and the finding says which.

use super::reads;
use super::scope::{Callers, FnBody};
use super::values::span_of;
use crate::model::{Read, Span};

/// The chat response type a helper declares it returns.
const CHAT_RESPONSE: &str = "CreateChatCompletionResponse";

/// What following a helper's callers found.
#[derive(Default)]
pub struct Followed {
    pub reads: Vec<Read>,
    pub unseen: Vec<String>,
    pub unfixable: Vec<String>,
    pub choice_loops: Vec<(Span, Span)>,
    /// The chat response type in the helper's return type, which the fix rewrites.
    pub result_types: Vec<Span>,
}

/// Follow the response that `helper` returns into its callers among `bodies`.
pub fn follow(bodies: &[FnBody], callers: &Callers, helper: &FnBody, text: &str) -> Followed {
    let mut out = Followed::default();
    let name = &helper.name;
    let line = |at: usize| crate::edit::line_col(text, at).0;
    let Some(private) = helper.private.as_ref().filter(|_| helper.free) else {
        out.unseen.push(if helper.free {
            format!("`{name}` returns the result and is public: callers in other modules or crates read it as a chat response")
        } else {
            format!("`{name}` returns the result, and the callers of a method are not followed")
        });
        return out;
    };
    if !callers.sealed {
        out.unseen.push(format!(
            "`{name}` returns the result, and this file has modules in other files (or includes one), whose code may call it"
        ));
        return out;
    }
    if bodies.iter().filter(|b| b.name == *name).count() > 1 {
        out.unseen.push(format!(
            "`{name}` returns the result, and the name is defined more than once in this file"
        ));
        return out;
    }
    // `let ask = |..| ..; ask(..)` calls the closure, not the function.
    if let Some((_, at)) = callers.bindings.iter().find(|(n, _)| n == name) {
        out.unseen.push(format!(
            "`{name}` returns the result, and the name is also bound at line {}, so a call of it may be of something else",
            line(at.start)
        ));
        return out;
    }
    if let Some(at) = callers.as_value(name, bodies) {
        out.unseen.push(format!(
            "`{name}` returns the result and is also used as a value at line {}, so some of its callers are out of sight",
            line(at.start)
        ));
        return out;
    }
    // The return type must say `CreateChatCompletionResponse` once, where the fix writes
    // the Responses type: an alias or a generic would keep the chat type for the callers.
    match helper.output {
        Some(ty) => {
            out.result_types = chat_response_paths(ty);
            if out.result_types.len() != 1 {
                let at = span_of(ty);
                out.unfixable.push(format!(
                    "`{name}` returns the result as `{}`, which does not name `{CHAT_RESPONSE}` once; responsify rewrites that return type only",
                    super::snippet(&text[at.start..at.end])
                ));
                return out;
            }
        }
        None => {
            out.unfixable.push(format!(
                "`{name}` returns the result without a declared type"
            ));
            return out;
        }
    }
    let calls: Vec<_> = callers.of_function(private).collect();
    if calls.is_empty() {
        out.unseen.push(format!(
            "`{name}` returns the result, and nothing in this file calls it"
        ));
        return out;
    }
    // The reads of a caller are rewritten with the call: a call through a path
    // (`other::ask(..)`) may be of another function of that name, whose result is not ours.
    if let Some(call) = calls.iter().find(|c| c.qualified) {
        let at = call.span;
        out.unseen.push(format!(
            "`{name}` returns the result, and `{}` at line {} may call another function of that name",
            super::snippet(&text[at.start..at.end]),
            line(at.start)
        ));
        return out;
    }
    for call in calls {
        let Some(caller) = bodies
            .iter()
            .filter(|b| b.span().contains(call.span))
            .min_by_key(|b| b.span().end - b.span().start)
        else {
            out.unseen.push(format!(
                "`{name}` is called outside a function at line {}",
                line(call.span.start)
            ));
            continue;
        };
        if std::ptr::eq(caller, helper) {
            out.unseen.push(format!(
                "`{name}` calls itself at line {}",
                line(call.span.start)
            ));
            continue;
        }
        match caller.statement_holding(call.span) {
            Some(syn::Stmt::Local(local))
                if local
                    .init
                    .as_ref()
                    .is_some_and(|i| super::result_of(&i.expr, call.span)) =>
            {
                match &local.pat {
                    syn::Pat::Ident(p) => {
                        let uses =
                            reads::analyze(caller, &p.ident.to_string(), span_of(local).end, text);
                        out.reads.extend(uses.reads);
                        out.unseen.extend(uses.unseen);
                        out.choice_loops.extend(uses.choice_loops);
                    }
                    syn::Pat::Type(t) => {
                        let at = span_of(&*t.ty);
                        out.unfixable.push(format!(
                            "the result of `{name}` is written out as `{}` at line {}, and the Responses result has another type",
                            super::snippet(&text[at.start..at.end]),
                            line(at.start)
                        ));
                    }
                    _ => out.unseen.push(format!(
                        "the result of `{name}` is destructured at line {}",
                        line(call.span.start)
                    )),
                }
            }
            // The result is dropped: nothing reads it.
            Some(syn::Stmt::Expr(e, Some(_))) if super::result_of(e, call.span) => {}
            Some(stmt) if super::matched_result(stmt, call.span).is_some() => {
                for (binding, arm) in super::matched_result(stmt, call.span).unwrap_or_default() {
                    let uses = reads::analyze_within(caller, &binding, arm.start, arm.end, text);
                    out.reads.extend(uses.reads);
                    out.unseen.extend(uses.unseen);
                    out.choice_loops.extend(uses.choice_loops);
                }
            }
            _ => out.unseen.push(format!(
                "the result of `{name}` at line {} is used in place",
                line(call.span.start)
            )),
        }
    }
    out
}

/// The paths in `ty` that name the chat response (`CreateChatCompletionResponse`, or a
/// qualified path ending in it), each whole.
/// The span of `ty` when it is the chat response type itself (`CreateChatCompletionResponse`,
/// or a path ending in it), for a binding whose type is written out.
pub fn written_chat_response(ty: &syn::Type) -> Option<Span> {
    let at = span_of(ty);
    (chat_response_paths(ty) == [at]).then_some(at)
}

fn chat_response_paths(ty: &syn::Type) -> Vec<Span> {
    use syn::visit::{self, Visit};
    struct Find(Vec<Span>);
    impl<'a> Visit<'a> for Find {
        fn visit_type_path(&mut self, p: &'a syn::TypePath) {
            let last = p.path.segments.last();
            if p.qself.is_none()
                && last.is_some_and(|l| l.ident == CHAT_RESPONSE && l.arguments.is_none())
            {
                self.0.push(span_of(p));
                return;
            }
            visit::visit_type_path(self, p);
        }
    }
    let mut find = Find(Vec::new());
    find.visit_type(ty);
    find.0
}
