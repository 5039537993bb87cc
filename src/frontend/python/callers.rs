//! A result that a function returns, followed into the function's callers in the same file.
//!
//! `def ask(q): return client.chat.completions.create(...)` hands the completion to whoever
//! calls `ask`: their reads are part of the unit and migrate with the call. Every call of the
//! function in the file is followed (through callers that return it again, a few levels up);
//! the unit then names the function in `leaves_through`, and the engine asks the run for the
//! modules that import it (see `importers`). A function
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

/// The calls of each plainly named function in a module, and of each method called on
/// `self`, with the scope they are made in.
pub struct Calls<'a> {
    by_name: HashMap<&'a str, Vec<(usize, &'a ast::ExprCall)>>,
    on_self: HashMap<&'a str, Vec<(usize, &'a ast::ExprCall)>>,
    /// How often `self.name` is read at all (a call, or the bound method handed on).
    self_reads: HashMap<&'a str, usize>,
}

impl<'a> Calls<'a> {
    /// The calls of the plainly named function `name`, with the scope each is made in.
    pub fn by_name(&self, name: &str) -> &[(usize, &'a ast::ExprCall)] {
        self.by_name.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn build(index: &Index<'a>) -> Calls<'a> {
        #[derive(Default)]
        struct Named<'a> {
            calls: Vec<&'a ast::ExprCall>,
            self_reads: Vec<&'a str>,
        }
        impl<'a> Visitor<'a> for Named<'a> {
            fn visit_expr(&mut self, expr: &'a Expr) {
                match expr {
                    Expr::Call(call)
                        if matches!(&*call.func, Expr::Name(_) | Expr::Attribute(_)) =>
                    {
                        self.calls.push(call)
                    }
                    Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "self") => {
                        self.self_reads.push(a.attr.id.as_str())
                    }
                    _ => {}
                }
                visitor::walk_expr(self, expr);
            }
        }
        let mut calls = Calls {
            by_name: HashMap::new(),
            on_self: HashMap::new(),
            self_reads: HashMap::new(),
        };
        for (scope, expr) in scope_exprs(index) {
            let mut named = Named::default();
            named.visit_expr(expr);
            for call in named.calls {
                match &*call.func {
                    Expr::Name(n) => calls
                        .by_name
                        .entry(n.id.as_str())
                        .or_default()
                        .push((scope, call)),
                    Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "self") => {
                        calls
                            .on_self
                            .entry(a.attr.id.as_str())
                            .or_default()
                            .push((scope, call))
                    }
                    _ => {}
                }
            }
            for name in named.self_reads {
                *calls.self_reads.entry(name).or_default() += 1;
            }
        }
        calls
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
    if depth == 0 || seen.contains(&scope) {
        unit.unseen.push(format!(
            "`{name}` hands the result on further than responsify follows"
        ));
        return;
    }
    seen.push(scope);
    // `-> ChatCompletion`: the type of what the function hands on.
    if let Some(returns) = s.function.and_then(|f| f.returns.as_deref()) {
        unit.reads
            .extend(reads::annotation_reads(returns, shape, module.text));
    }
    if let Some(class) = s.class {
        return follow_method(module, scope, class, shape, unit, depth, seen);
    }
    // A nested function's callers go through its closure.
    if s.parent != Some(0) || name.is_empty() {
        unit.unseen.push(if name.is_empty() {
            "the result is returned from the module".to_string()
        } else {
            format!("`{name}` returns the result, and the callers of a nested function are not followed")
        });
        return;
    }
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
    if module.name_uses.of(name) > calls.len() {
        unit.unseen.push(format!(
            "`{name}` returns the result and is also used as a value, so some of its callers are out of sight"
        ));
        return;
    }
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
    unit.leaves_through.push(crate::model::HandedOn {
        name: name.to_string(),
        result: shape.handed(),
        called_here: !calls.is_empty(),
    });
    follow_calls(module, calls, shape, unit, depth, seen);
}

/// The reads of the result at each call, and on up where a caller returns it again.
fn follow_calls(
    module: &Module,
    calls: &[(usize, &ast::ExprCall)],
    shape: Shape,
    unit: &mut Unit,
    depth: usize,
    seen: &mut Vec<usize>,
) {
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

/// A public method: its calls on instances the module makes (see `instances`) and on `self`
/// in the class's other methods. Other modules that import the class keep it out of sight.
fn follow_public_method(
    module: &Module,
    scope: usize,
    class: &ast::StmtClassDef,
    shape: Shape,
    unit: &mut Unit,
    depth: usize,
    seen: &mut Vec<usize>,
) {
    let name = module.index.scopes[scope].name;
    let class_name = class.name.id.as_str();
    // A class inside a function, or a method called through `super()` from a subclass
    // elsewhere, is beyond what the module-level instances show.
    let top_level = module.index.scopes[scope].parent.is_some_and(|p| p == 0);
    let on_instances = if top_level {
        super::instances::method_calls(module.index, module.name_uses, class_name, name)
    } else {
        Err(format!(
            "`{class_name}` is not a class of the module's top level"
        ))
    };
    let mut calls = match on_instances {
        Ok(calls) => calls,
        Err(why) => {
            unit.unseen
                .push(format!("`{name}` returns the result, and {why}"));
            return;
        }
    };
    let Some(on_self) = self_calls(module, class, name) else {
        unit.unseen.push(format!(
            "`{name}` returns the result, and `self.{name}` is handed on or called from another class"
        ));
        return;
    };
    calls.extend_from_slice(on_self);
    unit.leaves_through.push(crate::model::HandedOn {
        name: class_name.to_string(),
        result: crate::model::ResultShape::Instance,
        called_here: !calls.is_empty(),
    });
    follow_calls(module, &calls, shape, unit, depth, seen);
}

/// A method of a class: a private one (`_ask`) is called as `self._ask(...)` by the class's
/// other methods, and those calls are all its callers; a public one is also called on the
/// instances the module makes (see `follow_public_method`).
fn follow_method(
    module: &Module,
    scope: usize,
    class: &ast::StmtClassDef,
    shape: Shape,
    unit: &mut Unit,
    depth: usize,
    seen: &mut Vec<usize>,
) {
    let name = module.index.scopes[scope].name;
    let private = name.starts_with('_') && !name.starts_with("__");
    if !private {
        return follow_public_method(module, scope, class, shape, unit, depth, seen);
    }
    match self_calls(module, class, name) {
        Some(calls) if !calls.is_empty() => follow_calls(module, calls, shape, unit, depth, seen),
        _ => unit.unseen.push(format!(
            "`{name}` returns the result, and some of its callers are out of sight (the method is handed on, or called from another class)"
        )),
    }
}

/// Every `self.name(...)` call of the method, when they are all it is used for and all made
/// from methods of `class`; `None` when `self.name` is handed on or called from elsewhere.
fn self_calls<'m, 'a>(
    module: &'m Module<'_, 'a>,
    class: &ast::StmtClassDef,
    name: &str,
) -> Option<&'m [(usize, &'a ast::ExprCall)]> {
    let same_class = |caller: usize| {
        module.index.scopes[caller]
            .class
            .is_some_and(|c| std::ptr::eq(c, class))
    };
    let calls = module
        .calls
        .on_self
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let reads = module.calls.self_reads.get(name).copied().unwrap_or(0);
    (reads <= calls.len() && calls.iter().all(|(c, _)| same_class(*c))).then_some(calls)
}
