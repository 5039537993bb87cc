//! The callers of a public method: calls on the instances of its class made in the module.
//!
//! `class Assistant: def ask(self, q): return self.client.chat.completions.create(...)` hands
//! the completion to whoever calls `ask` on an `Assistant`. Those calls can be found when every
//! instance the module makes is bound to a name (`bot = Assistant()`) that is only used for
//! its attributes, and the class itself is only called to make them: then `bot.ask(...)` is
//! every call there is, and its reads join the unit. An instance handed on (`run(bot)`), kept
//! in a collection, or a class used any other way (a subclass, `isinstance`, passed along)
//! keeps the callers out of sight.

use super::raw::NameUses;
use super::scope::{flatten, Index};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};

/// The calls of `method` on instances of `class` in the module, each with its scope; or why
/// some may be out of sight.
pub fn method_calls<'a>(
    index: &Index<'a>,
    name_uses: &NameUses,
    class: &str,
    method: &str,
) -> Result<Vec<(usize, &'a ast::ExprCall)>, String> {
    // The instances: `name = Class(...)`, each bound once in its scope.
    let mut instances: Vec<(usize, &'a str)> = Vec::new();
    for (scope, s) in index.scopes.iter().enumerate() {
        for stmt in flatten(s.body) {
            let (target, value) = match stmt {
                Stmt::Assign(a) if a.targets.len() == 1 => (&a.targets[0], &*a.value),
                Stmt::AnnAssign(a) => match &a.value {
                    Some(v) => (&*a.target, &**v),
                    None => continue,
                },
                _ => continue,
            };
            let Expr::Call(call) = value else { continue };
            if !matches!(&*call.func, Expr::Name(n) if n.id.as_str() == class) {
                continue;
            }
            let Expr::Name(bound) = target else {
                return Err(format!(
                    "an instance of `{class}` is stored in `{}`, whose uses responsify does not follow",
                    expression_kind(target)
                ));
            };
            instances.push((scope, bound.id.as_str()));
        }
    }
    let mut seen = Seen {
        index,
        class,
        method,
        instances: &instances,
        constructed: 0,
        on_instance: Default::default(),
        loads: Default::default(),
        calls: Vec::new(),
        scope: 0,
    };
    for (scope, s) in index.scopes.iter().enumerate() {
        seen.scope = scope;
        for stmt in flatten(s.body) {
            for expr in super::scope::header_exprs(stmt) {
                seen.visit_expr(expr);
            }
        }
    }
    if seen.constructed != instances.len() || name_uses.of(class) != seen.constructed {
        return Err(format!(
            "`{class}` is used other than to make instances bound to names, so calls of `{method}` may be out of sight"
        ));
    }
    for &(scope, name) in &instances {
        if index.assignments(scope, name).1.len() != 1 || index.is_parameter(scope, name) {
            return Err(format!(
                "`{name}` holds an instance of `{class}` and is bound more than once"
            ));
        }
        let (attributes, method_reads) = seen.on_instance.get(name).copied().unwrap_or((0, 0));
        if seen.loads.get(name).copied().unwrap_or(0) != attributes {
            return Err(format!(
                "`{name}` (an instance of `{class}`) is used other than for its attributes (it may be handed on)"
            ));
        }
        let called = seen.calls.iter().filter(|(_, _, n)| *n == name).count();
        if method_reads != called {
            return Err(format!(
                "`{name}.{method}` is read without being called (it may be handed on)"
            ));
        }
    }
    Ok(seen.calls.into_iter().map(|(s, c, _)| (s, c)).collect())
}

fn expression_kind(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "an attribute",
        Expr::Subscript(_) => "a collection",
        _ => "a target",
    }
}

/// What the module does with the class and the names of its instances.
struct Seen<'s, 'a> {
    index: &'s Index<'a>,
    class: &'s str,
    method: &'s str,
    instances: &'s [(usize, &'a str)],
    /// Calls of the class.
    constructed: usize,
    /// Per instance name: its attribute reads, and its reads of `.method`.
    on_instance: std::collections::HashMap<&'a str, (usize, usize)>,
    /// Per instance name: every read of the name where it is that instance.
    loads: std::collections::HashMap<&'a str, usize>,
    /// `name.method(...)` calls where `name` is an instance: scope, call, name.
    calls: Vec<(usize, &'a ast::ExprCall, &'a str)>,
    scope: usize,
}

impl<'a> Seen<'_, 'a> {
    /// The instance `e` names, where the name resolves to the instance's binding from the
    /// scope being walked (another function's `bot` may be something else).
    fn instance(&self, e: &Expr) -> Option<&'a str> {
        let Expr::Name(n) = e else { return None };
        let name = n.id.as_str();
        let (bound_in, _) = self.index.assignments(self.scope, name);
        self.instances
            .iter()
            .find(|(scope, instance)| *instance == name && *scope == bound_in)
            .map(|(_, name)| *name)
    }
}

impl<'a> Visitor<'a> for Seen<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == self.class) {
                    self.constructed += 1;
                }
                if let Expr::Attribute(a) = &*call.func {
                    if a.attr.id.as_str() == self.method {
                        if let Some(name) = self.instance(&a.value) {
                            self.calls.push((self.scope, call, name));
                        }
                    }
                }
            }
            Expr::Name(n) if n.ctx == ast::ExprContext::Load => {
                if let Some(name) = self.instance(expr) {
                    *self.loads.entry(name).or_default() += 1;
                }
            }
            Expr::Attribute(a) => {
                if let Some(name) = self.instance(&a.value) {
                    let entry = self.on_instance.entry(name).or_default();
                    entry.0 += 1;
                    if a.attr.id.as_str() == self.method {
                        entry.1 += 1;
                    }
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
