//! Values a request imports from another module: `import { tools } from "./tools"` then
//! `chat.completions.create({ tools, … })`. The list is migrated where it is written, once
//! every request of the run that sends it migrates too (see `project::Project::shared_value`);
//! this module answers the three questions that takes about TypeScript and JavaScript
//! source: what a name is imported as, what a module exports under a name, and how often
//! another file sends it as a request's `tools` (or `response_format`).

use super::scope::Index;
use super::values::{self, unwrap};
use super::walk::span_of;
use crate::frontend::Target;
use crate::model::{Container, Span, Value};
use oxc_ast::ast::*;
use oxc_span::GetSpan;

/// The `import { NAME as local } from "MODULE"` that binds `local`: the module as written,
/// level 0 (specifiers carry their own dots), and the name it exports. A default or namespace
/// import is not followed (the module's value would be a whole module or an expression).
pub fn imported_binding(program: &Program, local: &str) -> Option<(String, u32, String)> {
    let index = Index::build(program);
    let mut bound = index.imports.iter().filter(|i| i.local == local);
    let import = bound.next()?;
    if bound.next().is_some() || matches!(import.imported.as_str(), "default" | "*") {
        return None;
    }
    Some((import.module.clone(), 0, import.imported.clone()))
}

/// What the module exports as `name`, sent by requests as their `key`: one module-level
/// `const` holding a literal (an array for `tools`, an object for `response_format`),
/// exported, and not read by the module itself (a module that sends it too, or changes it,
/// is not one responsify can migrate from outside). With the list's container. A type the
/// declaration gives it must be one the lowering moves (`ChatCompletionTool[]` for tools,
/// `as const`): a chat type on a format would no longer describe it.
pub fn module_value(
    program: &Program,
    text: &str,
    name: &str,
    key: &str,
) -> Result<(Value, Vec<Container>), String> {
    let index = Index::build(program);
    let (scope, declarator) = index
        .value_of(0, name)
        .ok_or_else(|| format!("`{name}` is not declared once in its module"))?;
    if scope != 0 {
        return Err(format!("`{name}` is not a module-level value"));
    }
    if !index.exports(name) {
        return Err(format!("`{name}` is not exported by its own declaration"));
    }
    if !is_const(program, declarator) {
        return Err(format!(
            "`{name}` is not a `const` (it may be assigned again)"
        ));
    }
    if index.mentions(name) > 0 {
        return Err(format!("its module reads `{name}` too"));
    }
    let init = declarator
        .init
        .as_ref()
        .ok_or_else(|| format!("`{name}` has no value"))?;
    let mut types: Vec<Span> = declarator
        .type_annotation
        .iter()
        .map(|a| span_of(a.span))
        .collect();
    let mut e = init;
    loop {
        match e {
            Expression::TSAsExpression(x) => {
                types.push(span_of(x.type_annotation.span()));
                e = &x.expression;
            }
            Expression::TSSatisfiesExpression(x) => {
                types.push(span_of(x.type_annotation.span()));
                e = &x.expression;
            }
            Expression::ParenthesizedExpression(p) => e = &p.expression,
            _ => break,
        }
    }
    let tools = key == "tools";
    for t in types {
        let written = text[t.start..t.end].trim_start_matches(':').trim();
        if written != "const" && !(tools && written.contains("ChatCompletionTool")) {
            return Err(format!(
                "`{name}` is typed `{written}`, which would no longer describe its Responses form"
            ));
        }
    }
    match unwrap(init) {
        Expression::ArrayExpression(list) if tools => Ok((
            values::lift(text, init),
            vec![values::array_container(list)],
        )),
        Expression::ObjectExpression(_) if !tools => Ok((values::lift(text, init), Vec::new())),
        _ if tools => Err(format!("`{name}` is not an array literal")),
        _ => Err(format!("`{name}` is not an object literal")),
    }
}

/// Whether the declarator sits in a `const` declaration of the module.
fn is_const(program: &Program, declarator: &VariableDeclarator) -> bool {
    let holds = |d: &VariableDeclaration| {
        d.kind == VariableDeclarationKind::Const
            && d.declarations.iter().any(|v| v.span == declarator.span)
    };
    program.body.iter().any(|stmt| match stmt {
        Statement::VariableDeclaration(d) => holds(d),
        Statement::ExportDeclaration(e) => {
            matches!(&e.declaration, Declaration::VariableDeclaration(d) if holds(d))
        }
        _ => false,
    })
}

/// How many requests of the file `program` send `target` (a value another module exports)
/// as their parameter `key`: `Ok(0)` when it does not import it; `Err` with the line when it
/// uses it any other way (passed elsewhere, spread, re-exported, read through a namespace).
pub fn value_users(
    program: &Program,
    text: &str,
    target: &Target,
    key: &str,
) -> Result<usize, (Option<usize>, String)> {
    let line = |at: usize| Some(1 + text[..at.min(text.len())].matches('\n').count());
    let index = Index::build(program);
    let mut locals = Vec::new();
    for import in &index.imports {
        match (target.is_module)(&import.module, 0) {
            Some(false) => {}
            None if import.imported == target.name || import.imported == "*" => {
                return Err((
                    None,
                    format!(
                        "`{}` may be the module of `{}` or another one (a path alias)",
                        import.module, target.name
                    ),
                ))
            }
            None => {}
            Some(true) if import.imported == "*" => {
                return Err((
                    None,
                    format!("`{}` is read through its module", target.name),
                ))
            }
            Some(true) if import.imported == target.name => locals.push(import.local.as_str()),
            Some(true) => {}
        }
    }
    if index
        .required
        .iter()
        .any(|(_, module)| (target.is_module)(module, 0) != Some(false))
    {
        return Err((
            None,
            "the module is loaded with `require`, whose uses responsify does not follow".into(),
        ));
    }
    for stmt in &program.body {
        let source = match stmt {
            Statement::ExportFromDeclaration(e) => &e.source,
            Statement::ExportAllDeclaration(e) => &e.source,
            _ => continue,
        };
        if (target.is_module)(source.value.as_str(), 0) != Some(false) {
            return Err((
                line(span_of(stmt.span()).start),
                format!("the module of `{}` is exported again", target.name),
            ));
        }
    }
    let mut total = 0;
    for local in locals {
        if index.exports(local) {
            return Err((
                None,
                format!("`{local}` is exported again (other modules may use it)"),
            ));
        }
        // Each `key` property that names it, once however many calls send its object.
        let mut sent: Vec<Span> = Vec::new();
        for &(call, scope) in &index.calls {
            if super::match_chat(call).is_none() {
                continue;
            }
            let Some(object) = call
                .arguments
                .first()
                .and_then(|a| a.as_expression())
                .and_then(|e| request_object(&index, scope, e))
            else {
                continue;
            };
            let mut sends = false;
            for p in &object.properties {
                let ObjectPropertyKind::ObjectProperty(p) = p else {
                    continue;
                };
                if values::key_name(&p.key, p.computed).as_deref() == Some(key)
                    && unwrap(&p.value).is_specific_id(local)
                {
                    let at = span_of(p.value.span());
                    if !sent.contains(&at) {
                        sent.push(at);
                    }
                    sends = true;
                }
            }
            total += usize::from(sends);
        }
        if let Some(other) = uses(program, local).into_iter().find(|u| !sent.contains(u)) {
            return Err((
                line(other.start),
                format!("`{local}` is used other than as a chat request's `{key}`"),
            ));
        }
    }
    Ok(total)
}

/// The object literal a request's first argument is: inline, or a `const` of the file.
fn request_object<'a>(
    index: &Index<'a>,
    scope: usize,
    e: &'a Expression<'a>,
) -> Option<&'a ObjectExpression<'a>> {
    match unwrap(e) {
        Expression::ObjectExpression(o) => Some(o),
        Expression::Identifier(id) => {
            let (_, declarator) = index.value_of(scope, id.name.as_str())?;
            match unwrap(declarator.init.as_ref()?) {
                Expression::ObjectExpression(o) => Some(o),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Where `name` is read as an expression anywhere in the program.
fn uses(program: &Program, name: &str) -> Vec<Span> {
    struct Uses<'n> {
        name: &'n str,
        found: Vec<Span>,
    }
    impl<'a> super::walk::Visitor<'a> for Uses<'_> {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            if e.is_specific_id(self.name) {
                self.found.push(span_of(e.span()));
            }
            true
        }
    }
    let mut uses = Uses {
        name,
        found: Vec::new(),
    };
    super::walk::statements(&mut uses, &program.body);
    uses.found
}
