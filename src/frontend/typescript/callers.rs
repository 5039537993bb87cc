//! A result that a function returns, followed into the function's callers in the same file.
//!
//! `async function ask(q) { return client.chat.completions.create(...) }` hands the completion
//! to whoever calls `ask`: `(await ask("hi")).choices[0].message.content` is a read of the
//! unit and migrates with the call. Every call of the function in the file is followed, and
//! on up through callers that return it again, a few functions deep; an exported function is
//! named in `leaves_through`, and the engine asks the run for the modules that import it (see
//! `importers`). A function used as a value, nested, a method, or defined twice keeps the
//! result out of sight, and the finding says which.

use super::reads::{self, Shape};
use super::scope::Index;
use super::walk::span_of;
use crate::model::Unit;

/// How many functions up a result is followed.
const DEPTH: usize = 3;

/// Follow a result of `shape` that the function of `scope` returns into its callers.
pub fn follow(index: &Index, scope: usize, shape: Shape, unit: &mut Unit, text: &str) {
    follow_at(index, scope, shape, unit, text, DEPTH, &mut Vec::new());
}

fn follow_at(
    index: &Index,
    scope: usize,
    shape: Shape,
    unit: &mut Unit,
    text: &str,
    depth: usize,
    seen: &mut Vec<usize>,
) {
    let Some(name) = index.name_of(scope) else {
        unit.unseen
            .push("the result is returned to the caller of a function without a name".into());
        return;
    };
    if depth == 0 || seen.contains(&scope) {
        unit.unseen.push(format!(
            "`{name}` hands the result on further than responsify follows"
        ));
        return;
    }
    seen.push(scope);
    if index.scopes[scope].parent != Some(0) {
        unit.unseen.push(format!(
            "`{name}` returns the result, and the callers of a nested function or a method are not followed"
        ));
        return;
    }
    let exported = index.exports(&name);
    let defined = (0..index.scopes.len())
        .filter(|&s| index.name_of(s).as_deref() == Some(name.as_str()))
        .count();
    if defined > 1 {
        unit.unseen.push(format!(
            "`{name}` returns the result, and the name is defined more than once in this file"
        ));
        return;
    }
    let calls: Vec<_> = index
        .calls
        .iter()
        .filter(|(call, _)| call.callee.is_specific_id(&name))
        .collect();
    if calls.is_empty() && !exported {
        unit.unseen.push(format!(
            "`{name}` returns the result, and nothing in this file calls it"
        ));
        return;
    }
    if index.mentions(&name) > calls.len() {
        unit.unseen.push(format!(
            "`{name}` returns the result and is also used as a value, so some of its callers are out of sight"
        ));
        return;
    }
    if let Some(&&(_, caller)) = calls
        .iter()
        .find(|(_, caller)| index.is_parameter(*caller, &name))
    {
        unit.unseen.push(format!(
            "`{name}` returns the result, and `{}` takes a parameter of that name",
            index.name_of(caller).unwrap_or_default()
        ));
        return;
    }
    if exported {
        // Callers in the modules that import it: the engine asks the run (see `project`).
        unit.leaves_through.push(crate::model::HandedOn {
            name: name.clone(),
            result: shape.handed(),
            called_here: !calls.is_empty(),
        });
    }
    for &&(call, caller) in &calls {
        let (statements, expression_body) = match index.scopes[caller].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body[..], None),
        };
        let uses = reads::analyze(statements, expression_body, span_of(call.span), shape, text);
        unit.reads.extend(uses.reads);
        unit.unseen.extend(uses.unseen);
        unit.unfixable.extend(uses.unfixable);
        if let Some(next) = uses.returned {
            follow_at(index, caller, next, unit, text, depth - 1, seen);
        }
    }
}
