//! Values a request imports from another module: `from app.tools import TOOLS` then
//! `tools=TOOLS`. The value is migrated where it is written, once every request of the run
//! that uses it migrates too (see `project::Project::shared_value`); this module answers the
//! three questions that takes about Python source: what a name in a file is imported as, what
//! a module assigns to a name, and how often another file sends it as a request's parameter
//! (`tools=`, `response_format=`).

use super::importers::bindings;
use super::raw::NameUses;
use super::scope::Index;
use super::values;
use crate::frontend::{Target, SPLAT};
use crate::model::{Container, Value};
use ruff_python_ast as ast;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

/// The module-level `from MODULE import NAME [as local]` that binds `local`: the module as
/// written, its level of leading dots, and the name it exports.
pub fn imported_binding(text: &str, local: &str) -> Option<(String, u32, String)> {
    let parsed = super::parsed::parse(text).ok()?;
    let mut found = None;
    for stmt in parsed.suite() {
        let Stmt::ImportFrom(from) = stmt else {
            continue;
        };
        for alias in &from.names {
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            if bound.id.as_str() == local {
                if found.is_some() {
                    // Imported twice: which one a call sees depends on the order of code.
                    return None;
                }
                let module = from.module.as_ref().map_or("", |m| m.id.as_str());
                found = Some((module.to_string(), from.level, alias.name.id.to_string()));
            }
        }
    }
    found
}

/// What the module `text` assigns to `name`: one module-level assignment of a list or dict
/// literal, which the module itself does not read (a module that also sends it, or changes
/// it, is not one responsify can migrate from outside). With the list's container, or the
/// dict's when it is splatted into the calls (`key` is `**`): the dict is then their
/// arguments, and new parameters go into it.
pub fn module_value(text: &str, name: &str, key: &str) -> Result<(Value, Vec<Container>), String> {
    let parsed = super::parsed::parse(text).map_err(|_| "its module does not parse".to_string())?;
    let module = parsed.suite();
    let index = Index::build(module);
    let (scope, assigned) = index.assignments(0, name);
    let [value] = assigned.as_slice() else {
        return Err(format!("`{name}` is not assigned once in its module"));
    };
    if scope != 0 {
        return Err(format!("`{name}` is not a module-level value"));
    }
    if NameUses::count(module).of(name) > 0 {
        return Err(format!("its module reads `{name}` too"));
    }
    let containers = match value {
        Expr::List(list) => vec![values::list_container(list)],
        Expr::Dict(dict) if key == SPLAT => vec![values::dict_container(dict)],
        Expr::Dict(_) => Vec::new(),
        _ => return Err(format!("`{name}` is not a list or dict literal")),
    };
    Ok((values::lift(value), containers))
}

/// How many requests the file `text` sends `target` (a value another module exports) as
/// their `key=`: `Ok(0)` when it does not import it; `Err` with the line when it uses it
/// any other way.
pub fn value_users(
    text: &str,
    target: &Target,
    key: &str,
) -> Result<usize, (Option<usize>, String)> {
    let parsed =
        super::parsed::parse(text).map_err(|_| (None, "the file does not parse".to_string()))?;
    let module = parsed.suite();
    let line = |at: usize| 1 + text[..at].matches('\n').count();
    let index = Index::build(module);
    let found = bindings(&index, target).map_err(|(why, at)| (Some(line(at)), why))?;
    if !found.modules.is_empty() {
        return Err((
            None,
            format!("`{}` is read through its module", target.name),
        ));
    }
    let mut total = 0;
    for local in &found.functions {
        let mut sent = KeywordArguments {
            key,
            name: local,
            sent: Vec::new(),
        };
        sent.visit_body(module);
        let mut reads = Reads {
            name: local,
            at: Vec::new(),
        };
        reads.visit_body(module);
        if let Some(&other) = reads.at.iter().find(|at| !sent.sent.contains(at)) {
            let sent_as = if key == SPLAT {
                format!("splatted into a request (`**{local}`)")
            } else {
                format!("as a request's `{key}=`")
            };
            return Err((
                Some(line(other)),
                format!("`{local}` is used other than {sent_as}"),
            ));
        }
        total += sent.sent.len();
    }
    Ok(total)
}

/// Where `KEY=NAME` arguments (`tools=TOOLS`, or `**NAME` for the key `**`) of
/// `….chat.completions.create(...)` calls send the name.
struct KeywordArguments<'n> {
    key: &'n str,
    name: &'n str,
    sent: Vec<usize>,
}

impl<'a> Visitor<'a> for KeywordArguments<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            if is_chat_create(&call.func) {
                for k in &call.arguments.keywords {
                    let named = match &k.arg {
                        Some(a) => a.id.as_str() == self.key,
                        None => self.key == SPLAT,
                    };
                    if named && matches!(&k.value, Expr::Name(n) if n.id.as_str() == self.name) {
                        self.sent.push(k.value.range().start().to_usize());
                    }
                }
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// Where the name is read.
struct Reads<'n> {
    name: &'n str,
    at: Vec<usize>,
}

impl<'a> Visitor<'a> for Reads<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(n) = expr {
            if n.ctx == ast::ExprContext::Load && n.id.as_str() == self.name {
                self.at.push(n.range.start().to_usize());
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// `X.chat.completions.create` (or `.parse`), the SDK method the value is sent to.
fn is_chat_create(func: &Expr) -> bool {
    let Expr::Attribute(method) = func else {
        return false;
    };
    let Expr::Attribute(completions) = &*method.value else {
        return false;
    };
    let Expr::Attribute(chat) = &*completions.value else {
        return false;
    };
    matches!(method.attr.id.as_str(), "create" | "parse")
        && completions.attr.id.as_str() == "completions"
        && chat.attr.id.as_str() == "chat"
}
