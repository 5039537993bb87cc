//! A result that a function returns, followed into the function's callers in the same file.
//!
//! `async function ask(q) { return client.chat.completions.create(...) }` hands the completion
//! to whoever calls `ask`: `(await ask("hi")).choices[0].message.content` is a read of the
//! unit and migrates with the call. Every call of the function in the file is followed, and
//! on up through callers that return it again, a few functions deep; an exported function is
//! named in `leaves_through`, and the engine asks the run for the modules that import it (see
//! `importers`). A function used as a value, nested, or defined twice keeps the result out
//! of sight, and the finding says which (overload signatures are not definitions).
//!
//! A function that hands its `stream` parameter to the request (`function ask(stream?:
//! boolean) { return client.chat.completions.create({ …, stream }) }`) returns a stream or a
//! completion. With overload signatures that say which (`(stream: true)` a
//! `Stream<ChatCompletionChunk>`, `(stream?: false)` a `ChatCompletion`; see
//! `stream_overloads`), `ask(true)` is followed as a stream and `ask()` as a completion; any
//! other call, and every call of a function without overloads, gives either, whose reads are
//! followed only where `if (res instanceof Stream) … else …` tells them apart.
//!
//! A method's result (`class Bot { ask(q) { return this.client.chat.completions.create(...) } }`)
//! is followed into `bot.ask(q)` on the instances the file makes and into `this.ask(q)` in the
//! class, as Python's `instances.rs` does: only when the class is not exported or extended, every
//! instance is a name bound to `new Bot(...)` and used only for its members, and the method is
//! only called. Otherwise the finding names what is out of sight.

use super::reads::{self, Shape};
use super::scope::Index;
use super::walk::{self, span_of};
use crate::model::Unit;
use oxc_ast::ast::*;
use oxc_span::GetSpan;

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
        if let Some((class, method)) = method_of(index, scope) {
            if depth == 0 || seen.contains(&scope) {
                unit.unseen.push(format!(
                    "`{method}` hands the result on further than responsify follows"
                ));
                return;
            }
            seen.push(scope);
            match method_calls(index, class, method, text) {
                Ok(calls) => follow_calls(index, &calls, shape, unit, text, depth, seen),
                Err(why) => unit.unseen.push(why),
            }
            return;
        }
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
    // Overload signatures (`function ask(stream: true): …;`) have no body: they are one
    // function with its implementation.
    let defined = (0..index.scopes.len())
        .filter(|&s| index.name_of(s).as_deref() == Some(name.as_str()))
        .filter(|&s| {
            !matches!(index.scopes[s].function, Some(walk::FunctionRef::Function(f)) if f.body.is_none())
        })
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
    let calls: Vec<_> = calls.into_iter().copied().collect();
    follow_calls(index, &calls, shape, unit, text, depth, seen);
}

/// Follow the result each of `calls` gets into the code around it, and on up.
fn follow_calls<'a>(
    index: &Index<'a>,
    calls: &[(&'a CallExpression<'a>, usize)],
    shape: Shape,
    unit: &mut Unit,
    text: &str,
    depth: usize,
    seen: &mut Vec<usize>,
) {
    for &(call, caller) in calls {
        let (statements, expression_body) = match index.scopes[caller].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body[..], None),
        };
        // A function overloaded on its `stream` flag gives a stream for `ask(true)` and a
        // completion for `ask()` / `ask(false)`; anything else may be either.
        let shape = match (shape, &call.callee) {
            // Without overloads every call may give either.
            (Shape::Either, Expression::Identifier(id)) => {
                match stream_overloads(index.program, id.name.as_str(), text) {
                    Some(at) => match call.arguments.get(at).and_then(|a| a.as_expression()) {
                        Some(Expression::BooleanLiteral(b)) if b.value => Shape::Stream,
                        Some(Expression::BooleanLiteral(_)) | None => Shape::Completion,
                        Some(_) => Shape::Either,
                    },
                    None => Shape::Either,
                }
            }
            _ => shape,
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

/// The class and name of the method whose body is `scope`, when it is a plain method of a
/// named class (not static, private, computed, or an accessor).
fn method_of<'a>(index: &Index<'a>, scope: usize) -> Option<(&'a Class<'a>, &'a str)> {
    let class = index.class_of_scope(scope)?;
    class.id.as_ref()?;
    class.body.body.iter().find_map(|element| match element {
        ClassElement::MethodDefinition(m)
            if span_of(m.value.span) == index.scopes[scope].span
                && !m.r#static
                && !m.computed
                && m.kind == MethodDefinitionKind::Method =>
        {
            match &m.key {
                PropertyKey::StaticIdentifier(id) => Some((class, id.name.as_str())),
                _ => None,
            }
        }
        _ => None,
    })
}

/// The calls of `method` on instances of `class` made in the file, and on `this` inside the
/// class, each with its scope; or why some may be out of sight.
///
/// Every instance must be a `const` (or a `let` never assigned again) bound to `new
/// Class(...)`, and used only for its members (`bot.ask(q)`); the class must be used only to
/// make those, and the method read only to call it. An exported class, a subclass, an
/// instance handed on (`run(bot)`) or a method taken as a value (`bot.ask.bind(bot)`) keeps
/// the callers out of sight.
fn method_calls<'a>(
    index: &Index<'a>,
    class: &'a Class<'a>,
    method: &str,
    text: &str,
) -> Result<Vec<(&'a CallExpression<'a>, usize)>, String> {
    let name = class.id.as_ref().map_or("", |id| id.name.as_str());
    let out_of_sight = |why: &str| format!("`{name}.{method}` returns the result, and {why}");
    if class_exported(index.program, name) {
        return Err(out_of_sight(
            "the class is exported (instances elsewhere are out of sight)",
        ));
    }
    let definitions = class
        .body
        .body
        .iter()
        .filter(|e| match e {
            ClassElement::MethodDefinition(m) => {
                matches!(&m.key, PropertyKey::StaticIdentifier(id) if id.name.as_str() == method)
            }
            ClassElement::PropertyDefinition(p) => {
                matches!(&p.key, PropertyKey::StaticIdentifier(id) if id.name.as_str() == method)
            }
            _ => false,
        })
        .count();
    if definitions != 1 {
        return Err(out_of_sight("the class defines the name more than once"));
    }
    if index.classes.iter().any(|c| {
        c.heritage
            .as_ref()
            .is_some_and(|h| h.expression.is_specific_id(name))
    }) {
        return Err(out_of_sight("a class of this file extends it"));
    }
    // The instances: every binding made with `new Class(...)`.
    let mut instances: Vec<&str> = Vec::new();
    for d in &index.declared {
        let made = d.declarator.init.as_ref().is_some_and(|init| {
            matches!(super::values::unwrap(init), Expression::NewExpression(n) if n.callee.is_specific_id(name))
        });
        if made && !instances.contains(&d.name.as_str()) {
            instances.push(d.name.as_str());
        }
    }
    let constructed = index
        .declared
        .iter()
        .filter(|d| instances.contains(&d.name.as_str()))
        .count();
    let mut members = Members {
        class: name,
        method,
        instances: &instances,
        news: 0,
        member_reads: vec![0; instances.len()],
        member_objects: Vec::new(),
        method_reads: 0,
    };
    walk::statements(&mut members, &index.program.body);
    if members.news != constructed
        || index.mentions(name) != members.news
        || index
            .declared
            .iter()
            .filter(|d| instances.contains(&d.name.as_str()))
            .any(|d| {
                !d.declarator.init.as_ref().is_some_and(|init| {
                    matches!(super::values::unwrap(init), Expression::NewExpression(n) if n.callee.is_specific_id(name))
                })
            })
    {
        return Err(out_of_sight(
            "the class is used other than to make instances bound to a name",
        ));
    }
    if members.news == 0 {
        return Err(out_of_sight("nothing in this file makes an instance"));
    }
    for (i, instance) in instances.iter().enumerate() {
        if index
            .scopes
            .iter()
            .any(|s| s.params.iter().any(|p| p == instance))
            || index.value_of_anywhere_reassigned(instance)
        {
            return Err(out_of_sight(&format!(
                "the name `{instance}` is also bound to something else"
            )));
        }
        if index.mentions(instance) != members.member_reads[i] {
            let at = first_bare_use(index.program, instance, &members.member_objects)
                .map(|at| {
                    format!(
                        " at line {}",
                        1 + text[..at.min(text.len())].matches('\n').count()
                    )
                })
                .unwrap_or_default();
            return Err(out_of_sight(&format!(
                "the instance `{instance}` is handed on{at}, where responsify does not follow its uses"
            )));
        }
    }
    let class_span = span_of(class.span);
    let calls: Vec<(&CallExpression, usize)> = index
        .calls
        .iter()
        .copied()
        .filter(|(call, _)| match &call.callee {
            Expression::StaticMemberExpression(m) if m.property.name.as_str() == method => {
                match &m.object {
                    Expression::Identifier(id) => instances.contains(&id.name.as_str()),
                    Expression::ThisExpression(_) => class_span.contains(span_of(call.span)),
                    _ => false,
                }
            }
            _ => false,
        })
        .collect();
    if calls.len() != members.method_reads {
        return Err(out_of_sight(
            "the method is read other than to call it (it may be handed on)",
        ));
    }
    if calls.is_empty() {
        return Err(out_of_sight("nothing in this file calls it"));
    }
    Ok(calls)
}

/// Counts what `method_calls` checks: `new Class(...)`, member reads on each instance, and
/// reads of the method (on an instance, or on `this`).
struct Members<'n> {
    class: &'n str,
    method: &'n str,
    instances: &'n [&'n str],
    news: usize,
    member_reads: Vec<usize>,
    /// Where each instance is the object of a member read.
    member_objects: Vec<usize>,
    method_reads: usize,
}

impl<'a> walk::Visitor<'a> for Members<'_> {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        match e {
            Expression::NewExpression(n) if n.callee.is_specific_id(self.class) => self.news += 1,
            Expression::StaticMemberExpression(m) => {
                let on_instance = match &m.object {
                    Expression::Identifier(id) => {
                        self.instances.iter().position(|i| *i == id.name.as_str())
                    }
                    _ => None,
                };
                if let Some(i) = on_instance {
                    self.member_reads[i] += 1;
                    self.member_objects.push(span_of(m.object.span()).start);
                }
                if m.property.name.as_str() == self.method
                    && (on_instance.is_some() || matches!(m.object, Expression::ThisExpression(_)))
                {
                    self.method_reads += 1;
                }
            }
            _ => {}
        }
        true
    }
}

/// Whether the module exports the class `name` (`export class`, `export default class`,
/// `export { Name }`, `export =`).
fn class_exported(program: &Program, name: &str) -> bool {
    let named = |c: &Class| c.id.as_ref().is_some_and(|id| id.name.as_str() == name);
    program.body.iter().any(|stmt| match stmt {
        Statement::ExportDeclaration(e) => {
            matches!(&e.declaration, Declaration::ClassDeclaration(c) if named(c))
        }
        Statement::ExportDefaultDeclaration(e) => match &e.declaration {
            ExportDefaultDeclarationKind::ClassDeclaration(c) => named(c),
            ExportDefaultDeclarationKind::Identifier(id) => id.name.as_str() == name,
            _ => false,
        },
        Statement::ExportNamedDeclaration(e) => {
            e.specifiers.iter().any(|s| s.local.name().as_str() == name)
        }
        Statement::TSExportAssignment(_) => true,
        _ => false,
    })
}

/// Where `name` is first read other than as the object of a member read (`run(bot)`).
fn first_bare_use(program: &Program, name: &str, members: &[usize]) -> Option<usize> {
    struct Uses<'n> {
        name: &'n str,
        members: &'n [usize],
        found: Option<usize>,
    }
    impl<'a> walk::Visitor<'a> for Uses<'_> {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            let at = span_of(e.span()).start;
            if self.found.is_none() && e.is_specific_id(self.name) && !self.members.contains(&at) {
                self.found = Some(at);
            }
            true
        }
    }
    let mut uses = Uses {
        name,
        members,
        found: None,
    };
    walk::statements(&mut uses, &program.body);
    uses.found
}

/// The top-level function `name`'s overload signatures, when they switch its result on one
/// boolean parameter the way the SDK's `create` does: `(stream: true)` gives
/// `Stream<ChatCompletionChunk>`, `(stream?: false)` (or the parameter left out) a
/// `ChatCompletion`, and `(stream: boolean)`, if there is one, either. The parameter's
/// position.
pub fn stream_overloads(program: &Program, name: &str, text: &str) -> Option<usize> {
    let functions = program.body.iter().filter_map(|s| match s {
        Statement::FunctionDeclaration(f) => Some(&**f),
        Statement::ExportDeclaration(e) => match &e.declaration {
            Declaration::FunctionDeclaration(f) => Some(&**f),
            _ => None,
        },
        _ => None,
    });
    let named: Vec<&Function> = functions
        .filter(|f| f.id.as_ref().is_some_and(|id| id.name.as_str() == name))
        .collect();
    let (signatures, bodies): (Vec<&Function>, Vec<&Function>) =
        named.into_iter().partition(|f| f.body.is_none());
    let [implementation] = bodies.as_slice() else {
        return None;
    };
    if signatures.len() < 2 {
        return None;
    }
    // The flag: the one parameter whose type is a boolean (a literal, or `boolean` in a
    // signature that gives either result) in every signature; `Some(None)` where a signature
    // leaves it out.
    let literal = |f: &Function, at: usize| -> Option<Option<Option<bool>>> {
        let Some(p) = f.params.items.get(at) else {
            return Some(Some(None));
        };
        match &p.type_annotation.as_ref()?.type_annotation {
            TSType::TSLiteralType(l) => match &l.literal {
                TSLiteral::BooleanLiteral(b) => Some(Some(Some(b.value))),
                _ => None,
            },
            TSType::TSBooleanKeyword(_) => Some(None),
            _ => None,
        }
    };
    let at = (0..implementation.params.items.len())
        .find(|&at| signatures.iter().all(|f| literal(f, at).is_some()))?;
    let word = |t: &str, w: &str| {
        t.match_indices(w).any(|(i, _)| {
            !t[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                && !t[i + w.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    };
    let (mut streams, mut completions) = (0, 0);
    for f in &signatures {
        let returned = f.return_type.as_ref()?;
        let returned = &text[returned.span.start as usize..returned.span.end as usize];
        let stream = word(returned, "ChatCompletionChunk");
        let completion = word(returned, "ChatCompletion");
        match (literal(f, at)?, stream, completion) {
            (Some(Some(true)), true, false) => streams += 1,
            (Some(Some(false) | None), false, true) => completions += 1,
            // `(stream: boolean): Promise<Stream<ChatCompletionChunk> | ChatCompletion>`
            (None, true, true) => {}
            _ => return None,
        }
    }
    (streams > 0 && completions > 0).then_some(at)
}

/// Does the top-level function `name` have overload signatures (functions without a body)?
pub fn has_signatures(program: &Program, name: &str) -> bool {
    program.body.iter().any(|s| {
        let f = match s {
            Statement::FunctionDeclaration(f) => &**f,
            Statement::ExportDeclaration(e) => match &e.declaration {
                Declaration::FunctionDeclaration(f) => &**f,
                _ => return false,
            },
            _ => return false,
        };
        f.body.is_none() && f.id.as_ref().is_some_and(|id| id.name.as_str() == name)
    })
}
