//! The callers of a helper in the modules that import it.
//!
//! `import { ask } from "./llm"` then `(await ask(q)).choices[0].message.content` reads the
//! completion `ask` returns: those reads belong to the unit of the request inside `ask`. This
//! module answers, for one importing file, where it calls the helper (by its imported name, or
//! through a namespace import: `llm.ask(...)`) and how the result is read there, with the same
//! walk as the helper's own file.
//!
//! Sight is lost, and the answer says where, when the file uses the helper as a value,
//! re-exports it, requires it through CommonJS, returns the result on to callers of its own
//! elsewhere, or names the Chat Completions types (a `ChatCompletion` annotation would no
//! longer type-check once the helper returns a Responses result).

use super::callers;
use super::reads::{self, Shape};
use super::scope::Index;
use super::walk::{self, span_of};
use crate::frontend::{Importer, Target};
use crate::model::{ResultShape, Unit};
use oxc_ast::ast::*;
use oxc_span::GetSpan;

/// Where `program` (another file of the run) calls the helper `target`, and what it reads of
/// a result of shape `result`.
pub fn follow(program: &Program, text: &str, target: &Target, result: ResultShape) -> Importer {
    let shape = match result {
        ResultShape::Completion => Shape::Completion,
        ResultShape::Stream => Shape::Stream,
        ResultShape::Part | ResultShape::Instance => {
            return Importer::out_of_sight(
                None,
                "it gets a part of the result, which is not followed across files",
            )
        }
    };
    let line = |at: usize| 1 + text[..at.min(text.len())].matches('\n').count();
    let index = Index::build(program);
    let mut functions = Vec::new();
    let mut namespaces = Vec::new();
    for import in &index.imports {
        match (target.is_module)(&import.module, 0) {
            Some(false) => continue,
            None if import.imported == target.name || import.imported == "*" => {
                return Importer::out_of_sight(
                    None,
                    format!(
                        "`{}` may be the module of `{}` or another one (a path alias)",
                        import.module, target.name
                    ),
                )
            }
            None => continue,
            Some(true) => {}
        }
        match import.imported.as_str() {
            "*" => namespaces.push(import.local.clone()),
            name if name == target.name => functions.push(import.local.clone()),
            _ => {}
        }
    }
    if index
        .required
        .iter()
        .any(|(_, module)| (target.is_module)(module, 0) != Some(false))
    {
        return Importer::out_of_sight(
            None,
            "the module is loaded with `require`, whose uses responsify does not follow",
        );
    }
    // `export { ask } from "./llm"`, `export * from "./llm"`: a barrel hands the helper to
    // modules that import it from the barrel, which name neither it nor its module's path.
    for stmt in &program.body {
        let source = match stmt {
            Statement::ExportFromDeclaration(e) => Some(&e.source),
            Statement::ExportAllDeclaration(e) => Some(&e.source),
            _ => None,
        };
        if let Some(source) = source {
            if (target.is_module)(source.value.as_str(), 0) != Some(false) {
                return Importer::out_of_sight(
                    Some(line(span_of(stmt.span()).start)),
                    format!(
                        "the module of `{}` is re-exported, and its importers are not followed",
                        target.name
                    ),
                );
            }
        }
    }
    if functions.is_empty() && namespaces.is_empty() {
        // The name is used, but not through an import of the helper's module that responsify
        // can tie to it (a dynamic `import()`, a global): the callers may be here.
        if index.mentions(target.name) > 0 || member_named(program, target.name) {
            return Importer::out_of_sight(
                None,
                format!(
                    "`{}` is used without an import of its module that responsify follows",
                    target.name
                ),
            );
        }
        return Importer::NotImporting;
    }
    if text.contains("ChatCompletion") {
        return Importer::out_of_sight(
            None,
            "the file names Chat Completions types, which would no longer describe the result",
        );
    }
    let mut found: Vec<(&CallExpression, usize)> = Vec::new();
    for local in &functions {
        if index.exports(local) {
            return Importer::out_of_sight(
                None,
                format!("`{local}` is exported again (other modules may call it)"),
            );
        }
        let calls: Vec<_> = index
            .calls
            .iter()
            .filter(|(call, _)| call.callee.is_specific_id(local))
            .copied()
            .collect();
        if calls.is_empty() {
            return Importer::out_of_sight(
                None,
                format!("`{local}` is imported without being called (it may be handed on)"),
            );
        }
        if index.mentions(local) > calls.len() {
            return Importer::out_of_sight(
                None,
                format!("`{local}` is imported and not only called (it may be handed on)"),
            );
        }
        found.extend(calls);
    }
    for namespace in &namespaces {
        let calls: Vec<_> = index
            .calls
            .iter()
            .filter(|(call, _)| is_member_of(&call.callee, namespace, target.name))
            .copied()
            .collect();
        let mut reads = MemberReads {
            namespace,
            name: target.name,
            count: 0,
        };
        walk::statements(&mut reads, &program.body);
        if reads.count > calls.len() || calls.is_empty() {
            return Importer::out_of_sight(
                None,
                format!(
                    "`{namespace}.{}` is not only called (it may be handed on)",
                    target.name
                ),
            );
        }
        found.extend(calls);
    }
    let mut scratch = Unit::of_reads(crate::model::Span::new(0, 0));
    for (call, caller) in found {
        let at = span_of(call.span);
        let (statements, expression_body) = match index.scopes[caller].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&program.body[..], None),
        };
        let uses = reads::analyze(statements, expression_body, at, shape, text);
        scratch.reads.extend(uses.reads);
        if let Some(why) = uses.unseen.first().or(uses.unfixable.first()) {
            return Importer::out_of_sight(Some(line(at.start)), why.clone());
        }
        if let Some(next) = uses.returned {
            callers::follow(&index, caller, next, &mut scratch, text);
            if let Some(why) = scratch.unseen.first().or(scratch.unfixable.first()) {
                return Importer::out_of_sight(Some(line(at.start)), why.clone());
            }
            if let Some(further) = scratch.leaves_through.first() {
                return Importer::out_of_sight(
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

/// Whether any `x.name` member read stands in the program.
fn member_named(program: &Program, name: &str) -> bool {
    struct Find<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> walk::Visitor<'a> for Find<'_> {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            if matches!(e, Expression::StaticMemberExpression(m) if m.property.name.as_str() == self.name)
            {
                self.found = true;
            }
            true
        }
    }
    let mut find = Find { name, found: false };
    walk::statements(&mut find, &program.body);
    find.found
}

/// `namespace.name` as an expression.
fn is_member_of(e: &Expression, namespace: &str, name: &str) -> bool {
    matches!(e, Expression::StaticMemberExpression(m)
        if m.property.name.as_str() == name && m.object.is_specific_id(namespace))
}

/// Counts every `namespace.name` in the file, calls included.
struct MemberReads<'n> {
    namespace: &'n str,
    name: &'n str,
    count: usize,
}

impl<'a> walk::Visitor<'a> for MemberReads<'_> {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        if is_member_of(e, self.namespace, self.name) {
            self.count += 1;
        }
        true
    }
}
