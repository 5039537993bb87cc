//! The callers of a helper in the modules that import it.
//!
//! `from app.llm import ask` then `ask(q).choices[0].message.content` in another module reads
//! the completion `ask` returns: those reads belong to the unit of the request inside `ask`,
//! and migrate with it. This module answers, for one importing file, where it calls the helper
//! and how the result is read there, with the same walk as the helper's own file (`reads`,
//! then `callers` for functions of the importer that return it again).
//!
//! Sight is lost, and the answer says where, when the importer uses the helper as a value,
//! imports everything from its module, imports it without calling it (it may hand it on to a
//! third module), or returns the result to callers of its own in yet another file.

use super::callers::{self, Calls, Module};
use super::raw::NameUses;
use super::reads::{self, Shape, Statements};
use super::scope::{scope_exprs, Index};
use super::values::span;
use crate::frontend::{Importer, Target};
use crate::model::{ResultShape, Unit};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::cell::OnceCell;

/// Where `text` (another file of the run) calls the helper `target`, and what it reads of a
/// result of shape `result`.
pub fn follow(text: &str, target: &Target, result: ResultShape) -> Importer {
    let Some(shape) = Shape::of_handed(result) else {
        return match result {
            // Only whether the file imports the class matters: its instances are not followed.
            ResultShape::Instance => instance_importer(text, target),
            _ => out_of_sight(
                None,
                "it gets a part of the result, which is not followed across files",
            ),
        };
    };
    let Ok(parsed) = super::parsed::parse(text) else {
        return out_of_sight(None, "the file does not parse");
    };
    let module = parsed.suite();
    let line = |at: usize| 1 + text[..at].matches('\n').count();
    let index = Index::build(module);
    let bindings = match bindings(&index, target) {
        Ok(b) => b,
        Err((why, at)) => return out_of_sight(Some(line(at)), why),
    };
    let calls = Calls::build(&index);
    let name_uses = NameUses::count(module);
    if bindings.functions.is_empty() && bindings.modules.is_empty() {
        // The name is used, but not through an import of the helper's module that
        // responsify can tie to it (`import app` then `app.llm.ask(...)`, `importlib`): the
        // callers may be here.
        if name_uses.of(target.name) > 0 || attribute_named(module, target.name) {
            return out_of_sight(
                None,
                format!(
                    "`{}` is used without an import of its module that responsify follows",
                    target.name
                ),
            );
        }
        return Importer::NotImporting;
    }
    let mut found: Vec<(usize, &ast::ExprCall)> = Vec::new();
    for local in &bindings.functions {
        // Another definition of the name in the file may be what a call reaches.
        let defined = index.scopes.iter().any(|s| s.name == local.as_str())
            || index
                .scopes
                .iter()
                .enumerate()
                .any(|(i, _)| !index.assignments(i, local).1.is_empty());
        if defined {
            return out_of_sight(
                None,
                format!("`{local}` is imported, and the name is bound again in the file"),
            );
        }
        let of_name = calls.by_name(local);
        if of_name.is_empty() {
            return out_of_sight(
                None,
                format!("`{local}` is imported without being called (it may be handed on)"),
            );
        }
        if name_uses.of(local) > of_name.len() {
            return out_of_sight(
                None,
                format!("`{local}` is imported and not only called (it may be handed on)"),
            );
        }
        found.extend_from_slice(of_name);
    }
    if !bindings.modules.is_empty() {
        let mut attrs = ModuleAttrs {
            modules: &bindings.modules,
            name: target.name,
            text,
            calls: Vec::new(),
            reads: 0,
            scope: 0,
        };
        for (scope, expr) in scope_exprs(&index) {
            attrs.scope = scope;
            attrs.visit_expr(expr);
        }
        if attrs.reads > attrs.calls.len() {
            return out_of_sight(
                None,
                format!(
                    "`{}` is read from its module and not only called (it may be handed on)",
                    target.name
                ),
            );
        }
        found.extend(attrs.calls);
    }
    if found.is_empty() {
        return out_of_sight(
            None,
            format!(
                "`{}` is imported without being called (it may be handed on)",
                target.name
            ),
        );
    }
    let statements: Vec<OnceCell<Statements>> =
        index.scopes.iter().map(|_| OnceCell::new()).collect();
    let module_view = Module {
        index: &index,
        calls: &calls,
        statements: &statements,
        name_uses: &name_uses,
        text,
    };
    // The reads land in a scratch unit, as for the helper's own callers.
    let mut scratch = Unit::of_reads(crate::model::Span::new(0, 0));
    for (scope, call) in found {
        let body = statements[scope].get_or_init(|| Statements::new(index.scopes[scope].body));
        let at = span(call.range());
        let uses = reads::analyze(body, at, shape, text);
        scratch.reads.extend(uses.reads);
        if let Some(why) = uses.unseen.first() {
            return out_of_sight(Some(line(at.start)), why);
        }
        if let Some(next) = uses.returned {
            callers::follow(&module_view, scope, next, &mut scratch);
            if let Some(why) = scratch.unseen.first() {
                return out_of_sight(Some(line(at.start)), why);
            }
            if let Some(further) = scratch.leaves_through.first() {
                return out_of_sight(
                    Some(line(at.start)),
                    format!(
                        "`{}` returns the result again, and responsify follows a result into one importing module",
                        further.name
                    ),
                );
            }
        }
    }
    Importer::Reads(scratch.reads)
}

/// A file that may make instances of a class whose method returns the result: out of sight
/// when it imports the class, since instances in other modules are not followed.
fn instance_importer(text: &str, target: &Target) -> Importer {
    let Ok(parsed) = super::parsed::parse(text) else {
        return out_of_sight(None, "the file does not parse");
    };
    let index = Index::build(parsed.suite());
    match bindings(&index, target) {
        Ok(b) if b.functions.is_empty() && b.modules.is_empty() => Importer::NotImporting,
        Ok(_) => out_of_sight(
            None,
            format!(
                "it imports `{}`, and method calls on instances made in other modules are not followed",
                target.name
            ),
        ),
        Err((why, _)) => out_of_sight(None, why),
    }
}

fn out_of_sight(line: Option<usize>, why: impl Into<String>) -> Importer {
    Importer::out_of_sight(line, why)
}

/// Whether any `x.name` attribute read stands in the module.
fn attribute_named(module: &[Stmt], name: &str) -> bool {
    struct Find<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Find<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if matches!(expr, Expr::Attribute(a) if a.attr.id.as_str() == self.name) {
                self.found = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut find = Find { name, found: false };
    find.visit_body(module);
    find.found
}

/// The names the helper is reachable by in the importer.
#[derive(Default)]
pub(super) struct Bindings {
    /// Local names of the helper itself (`from app.llm import ask as a`).
    pub functions: Vec<String>,
    /// Dotted names of its module (`import app.llm`, `from app import llm as m`).
    pub modules: Vec<String>,
}

pub(super) fn bindings(index: &Index, target: &Target) -> Result<Bindings, (String, usize)> {
    let mut found = Bindings::default();
    let mut ambiguous = None;
    let mut is_module =
        |dotted: &str, level: u32, at: usize| match (target.is_module)(dotted, level) {
            Some(yes) => yes,
            None => {
                ambiguous.get_or_insert((dotted.to_string(), at));
                false
            }
        };
    for scope in &index.scopes {
        for stmt in super::scope::flatten(scope.body) {
            match stmt {
                Stmt::ImportFrom(from) => {
                    let module = from.module.as_ref().map_or("", |m| m.id.as_str());
                    for alias in &from.names {
                        let imported = alias.name.id.as_str();
                        let local = alias.asname.as_ref().map_or(imported, |a| a.id.as_str());
                        if imported == "*" && is_module(module, from.level, from.start().to_usize())
                        {
                            return Err((
                                format!(
                                    "everything is imported from the module of `{}`",
                                    target.name
                                ),
                                from.start().to_usize(),
                            ));
                        }
                        if imported == target.name
                            && is_module(module, from.level, from.start().to_usize())
                        {
                            found.functions.push(local.to_string());
                        }
                        let dotted = if module.is_empty() {
                            imported.to_string()
                        } else {
                            format!("{module}.{imported}")
                        };
                        if is_module(&dotted, from.level, from.start().to_usize()) {
                            found.modules.push(local.to_string());
                        }
                    }
                }
                Stmt::Import(import) => {
                    for alias in &import.names {
                        let dotted = alias.name.id.as_str();
                        if is_module(dotted, 0, import.start().to_usize()) {
                            found.modules.push(
                                alias
                                    .asname
                                    .as_ref()
                                    .map_or(dotted, |a| a.id.as_str())
                                    .to_string(),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((dotted, at)) = ambiguous {
        if found.functions.is_empty() && found.modules.is_empty() {
            return Err((
                format!(
                    "`{dotted}` may be the module of `{}` or another module of the same name",
                    target.name
                ),
                at,
            ));
        }
    }
    Ok(found)
}

/// Calls of `module.name(...)` for a module binding, and every read of `module.name`.
struct ModuleAttrs<'b, 'a> {
    modules: &'b [String],
    name: &'b str,
    text: &'b str,
    calls: Vec<(usize, &'a ast::ExprCall)>,
    reads: usize,
    scope: usize,
}

impl ModuleAttrs<'_, '_> {
    fn is_helper(&self, expr: &Expr) -> bool {
        let Expr::Attribute(a) = expr else {
            return false;
        };
        a.attr.id.as_str() == self.name
            && matches!(&*a.value, Expr::Name(_) | Expr::Attribute(_))
            && self
                .modules
                .iter()
                .any(|m| &self.text[a.value.range()] == m.as_str())
    }
}

impl<'a> Visitor<'a> for ModuleAttrs<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            if self.is_helper(&call.func) {
                self.calls.push((self.scope, call));
            }
        }
        if self.is_helper(expr) {
            self.reads += 1;
        }
        visitor::walk_expr(self, expr);
    }
}
