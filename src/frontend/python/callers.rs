//! A result that a function returns, followed into the function's callers in the same file.
//!
//! `def ask(q): return client.chat.completions.create(...)` hands the completion to whoever
//! calls `ask`: their reads are part of the unit and migrate with the call. Every call of the
//! function in the file is followed (through callers that return it again, a few levels up);
//! the unit then names the function in `leaves_through`, and the engine asks the run whether
//! other files name it too (their callers are not followed yet: display-only). A function
//! used as a value, a method, or a function nobody in the file calls keeps the result out of
//! sight.

use super::raw::NameUses;
use super::reads::{self, Shape, Statements};
use super::scope::{scope_exprs, Index};
use super::values::span;
use crate::model::Unit;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use std::cell::OnceCell;
use std::collections::HashMap;

/// How many functions up a result is followed (`ask` returns it to `answer`, which returns
/// it to `main`).
const DEPTH: usize = 3;

/// The calls of each plainly named function in a module, with the scope they are made in.
pub struct Calls<'a> {
    by_name: HashMap<&'a str, Vec<(usize, &'a ast::ExprCall)>>,
}

impl<'a> Calls<'a> {
    pub fn build(index: &Index<'a>) -> Calls<'a> {
        #[derive(Default)]
        struct Named<'a>(Vec<&'a ast::ExprCall>);
        impl<'a> Visitor<'a> for Named<'a> {
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Call(call) = expr {
                    if matches!(&*call.func, Expr::Name(_)) {
                        self.0.push(call);
                    }
                }
                visitor::walk_expr(self, expr);
            }
        }
        let mut by_name: HashMap<&'a str, Vec<(usize, &'a ast::ExprCall)>> = HashMap::new();
        for (scope, expr) in scope_exprs(index) {
            let mut named = Named::default();
            named.visit_expr(expr);
            for call in named.0 {
                if let Expr::Name(n) = &*call.func {
                    by_name
                        .entry(n.id.as_str())
                        .or_default()
                        .push((scope, call));
                }
            }
        }
        Calls { by_name }
    }
}

/// What following needs of the module, built once per file.
pub struct Module<'m, 'a> {
    pub index: &'m Index<'a>,
    pub calls: &'m Calls<'a>,
    pub statements: &'m [OnceCell<Statements<'a>>],
    pub name_uses: &'m NameUses,
    pub text: &'m str,
}

/// Follow a result of `shape` that the function of `scope` returns into its callers.
pub fn follow(module: &Module, scope: usize, shape: Shape, unit: &mut Unit) {
    follow_at(module, scope, shape, unit, DEPTH, &mut Vec::new());
}

fn follow_at(
    module: &Module,
    scope: usize,
    shape: Shape,
    unit: &mut Unit,
    depth: usize,
    seen: &mut Vec<usize>,
) {
    let s = &module.index.scopes[scope];
    let name = s.name;
    // A method's callers go through objects, a nested function's through its closure.
    if s.parent != Some(0) || s.class.is_some() || name.is_empty() {
        unit.unseen.push(if name.is_empty() {
            "the result is returned from the module".to_string()
        } else {
            format!("`{name}` returns the result, and the callers of a method or nested function are not followed")
        });
        return;
    }
    if depth == 0 || seen.contains(&scope) {
        unit.unseen.push(format!(
            "`{name}` hands the result on further than responsify follows"
        ));
        return;
    }
    seen.push(scope);
    // Another definition of the name (a nested function, a rebinding) may be what a call
    // reaches: then the calls are not surely this function's.
    let defined = module
        .index
        .scopes
        .iter()
        .filter(|s| s.name == name)
        .count();
    let rebound = !module.index.assignments(0, name).1.is_empty();
    if defined > 1 || rebound {
        unit.unseen.push(format!(
            "`{name}` returns the result, and the name is defined more than once in this file"
        ));
        return;
    }
    let calls = module
        .calls
        .by_name
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if calls.is_empty() {
        unit.unseen.push(format!(
            "`{name}` returns the result, and nothing in this file calls it"
        ));
        return;
    }
    if module.name_uses.of(name) > calls.len() {
        unit.unseen.push(format!(
            "`{name}` returns the result and is also used as a value, so some of its callers are out of sight"
        ));
        return;
    }
    unit.leaves_through.push(name.to_string());
    if let Some(&(caller, _)) = calls
        .iter()
        .find(|(caller, _)| module.index.is_parameter(*caller, name))
    {
        unit.unseen.push(format!(
            "`{name}` returns the result, and `{}` takes a parameter of that name",
            module.index.scopes[caller].name
        ));
        return;
    }
    for &(caller, call) in calls {
        let statements = module.statements[caller]
            .get_or_init(|| Statements::new(module.index.scopes[caller].body));
        let uses = reads::analyze(statements, span(call.range()), shape, module.text);
        unit.reads.extend(uses.reads);
        unit.unseen.extend(uses.unseen);
        if let Some(next) = uses.returned {
            follow_at(module, caller, next, unit, depth - 1, seen);
        }
    }
}
