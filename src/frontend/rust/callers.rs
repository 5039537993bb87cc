//! A response that a function returns, followed into the function's callers.
//!
//! `async fn ask(..) -> Result<CreateChatCompletionResponse, OpenAIError>` that ends in
//! `Ok(response)` (or in the call's `.await` itself) hands the completion to whoever calls
//! `ask`: `let reply = ask(..).await?; reply.choices[0].message.content` is a read of the
//! unit and migrates with the call, and the declared return type becomes
//! `responses::Response` in the same fix. Callers are followed one function up, as the
//! Python and TypeScript front ends do (their `callers` modules), within Rust's rules of
//! sight. A private free function of a file that no other file can reach into has every
//! caller here. A free function of the file's own module that other files may call (it is
//! `pub` in some form, or the file has child modules in other files) has its callers here
//! followed, and is handed to the run, which follows the files of its crate that call it
//! (see `importers` and `project::rust_crate`). A method, a nested function, a function used
//! as a value, or a return type that does not name the chat response keeps the fix from
//! being applied, and the finding says which.

use super::reads;
use super::scope::{Callers, FnBody, Private};
use super::values::span_of;
use crate::model::{HandedOn, Read, ResultShape, Span};

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
    /// Set when other files of the crate may call the helper: the run follows them.
    pub handed: Option<HandedOn>,
}

/// Follow the response that `helper` returns into its callers among `bodies`.
pub fn follow(bodies: &[FnBody], callers: &Callers, helper: &FnBody, text: &str) -> Followed {
    let mut out = Followed::default();
    let name = &helper.name;
    let line = |at: usize| crate::edit::line_col(text, at).0;
    // Every caller is in this file only for a private function of a sealed file; a free
    // function of the file's module is reachable from the crate's other files, which the
    // run reads.
    let sealed_private = helper.free && helper.private.is_some() && callers.sealed;
    let crate_wide = !sealed_private && helper.free && helper.top_level;
    if !sealed_private && !crate_wide {
        out.unseen.push(if !helper.free {
            format!("`{name}` returns the result, and the callers of a method are not followed")
        } else if helper.private.is_none() {
            format!("`{name}` returns the result and is public inside a module or function: callers in other modules or crates read it as a chat response")
        } else {
            format!(
                "`{name}` returns the result, and this file has modules in other files (or includes one), whose code may call it"
            )
        });
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
    let function = Private {
        name: name.clone(),
        receiver: false,
    };
    let calls: Vec<_> = callers.of_function(&function).collect();
    if calls.is_empty() && !crate_wide {
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
    if crate_wide {
        out.handed = Some(HandedOn {
            name: name.clone(),
            result: ResultShape::Completion,
            called_here: !calls.is_empty(),
        });
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
        read_at_call(caller, call.span, name, text, &mut out);
    }
    out
}

/// The reads of the result of the call of `name` at `call` in `caller` (bound by a `let`,
/// dropped, or matched), added to `out`; a use of it in place is unseen. The same for a
/// caller in the helper's file and for one in a file that imports it.
pub fn read_at_call(caller: &FnBody, call: Span, name: &str, text: &str, out: &mut Followed) {
    let line = |at: usize| crate::edit::line_col(text, at).0;
    match caller.statement_holding(call) {
        Some(syn::Stmt::Local(local))
            if local
                .init
                .as_ref()
                .is_some_and(|i| super::result_of(&i.expr, call)) =>
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
                    line(call.start)
                )),
            }
        }
        // The result is dropped: nothing reads it.
        Some(syn::Stmt::Expr(e, Some(_))) if super::result_of(e, call) => {}
        Some(stmt) if super::matched_result(stmt, call).is_some() => {
            for (binding, arm) in super::matched_result(stmt, call).unwrap_or_default() {
                let uses = reads::analyze_within(caller, &binding, arm.start, arm.end, text);
                out.reads.extend(uses.reads);
                out.unseen.extend(uses.unseen);
                out.choice_loops.extend(uses.choice_loops);
            }
        }
        _ => out.unseen.push(format!(
            "the result of `{name}` at line {} is used in place",
            line(call.start)
        )),
    }
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
