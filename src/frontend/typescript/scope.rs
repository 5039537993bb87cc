//! What a TypeScript/JavaScript file defines: imports, function scopes, and where names get
//! their values. One walk collects it all; lookups then go by byte position, since a name
//! is visible in the innermost function that declares it and every function inside that.

use super::walk::{self, span_of, FunctionRef, Visitor};
use crate::model::Span;
use oxc_ast::ast::*;

/// A function body or the whole program.
pub struct Scope<'a> {
    pub span: Span,
    pub parent: Option<usize>,
    pub params: Vec<String>,
    pub function: Option<FunctionRef<'a>>,
}

/// `const name = init` (also `let`/`var`), with its type annotation.
pub struct Declared<'a> {
    pub name: String,
    pub scope: usize,
    pub declarator: &'a VariableDeclarator<'a>,
}

/// One imported name.
pub struct Imported {
    pub local: String,
    /// The name the module exports (`default` for a default import, `*` for a namespace).
    pub imported: String,
    pub module: String,
}

pub struct Index<'a> {
    pub program: &'a Program<'a>,
    pub scopes: Vec<Scope<'a>>,
    pub declared: Vec<Declared<'a>>,
    pub imports: Vec<Imported>,
    /// `require("openai")` and friends: `(local name, module)`.
    pub required: Vec<(String, String)>,
    pub classes: Vec<&'a Class<'a>>,
    /// Every call in source order, with its innermost scope.
    pub calls: Vec<(&'a CallExpression<'a>, usize)>,
    /// `X.y = value` assignments (module-level configuration, `this.client = ...`).
    pub member_assignments: Vec<(&'a AssignmentExpression<'a>, usize)>,
    /// Names assigned with `name = …` somewhere (so their declaration is not their only value).
    assigned: Vec<String>,
    stack: Vec<usize>,
    /// Look-ups built once the walk is done. Every request's client is traced through
    /// these, and scanning every scope and declaration per look-up was quadratic in a file
    /// of many requests.
    /// Indices into `declared` by name, in order.
    declared_named: std::collections::HashMap<String, Vec<usize>>,
    assigned_set: std::collections::HashSet<String>,
    /// Scope indices by where they start (then the smaller first among equal starts, then
    /// the later).
    by_start: Vec<usize>,
}

impl<'a> Index<'a> {
    pub fn build(program: &'a Program<'a>) -> Index<'a> {
        let mut index = Index {
            program,
            scopes: vec![Scope {
                span: span_of(program.span),
                parent: None,
                params: Vec::new(),
                function: None,
            }],
            declared: Vec::new(),
            imports: Vec::new(),
            required: Vec::new(),
            classes: Vec::new(),
            calls: Vec::new(),
            member_assignments: Vec::new(),
            assigned: Vec::new(),
            stack: vec![0],
            declared_named: Default::default(),
            assigned_set: Default::default(),
            by_start: Vec::new(),
        };
        for stmt in &program.body {
            if let Statement::ImportDeclaration(import) = stmt {
                index.import(import);
            }
        }
        walk::statements(&mut index, &program.body);
        for (i, d) in index.declared.iter().enumerate() {
            index
                .declared_named
                .entry(d.name.clone())
                .or_default()
                .push(i);
        }
        index.assigned_set = index.assigned.iter().cloned().collect();
        let mut by_start: Vec<usize> = (0..index.scopes.len()).collect();
        by_start.sort_by_key(|&i| {
            let s = index.scopes[i].span;
            (s.start, std::cmp::Reverse(s.end - s.start), i)
        });
        index.by_start = by_start;
        index
    }

    fn import(&mut self, import: &'a ImportDeclaration<'a>) {
        let module = import.source.value.as_str().to_string();
        for spec in import.specifiers.iter().flatten() {
            let (local, imported) = match spec {
                ImportDeclarationSpecifier::ImportSpecifier(s) => (
                    s.local.name.as_str(),
                    s.imported.name().as_str().to_string(),
                ),
                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                    (s.local.name.as_str(), "default".into())
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                    (s.local.name.as_str(), "*".into())
                }
            };
            self.imports.push(Imported {
                local: local.to_string(),
                imported,
                module: module.clone(),
            });
        }
    }

    fn current(&self) -> usize {
        *self.stack.last().expect("the program scope is never left")
    }

    /// The innermost scope holding `at`.
    ///
    /// Scopes nest (they are function bodies), so the innermost one holding `at` is, of the
    /// scopes that start at or before it, the one that starts last or one of its enclosing
    /// scopes: found by binary search and a walk up, not a scan of every scope.
    pub fn scope_at(&self, at: Span) -> usize {
        let before = self
            .by_start
            .partition_point(|&i| self.scopes[i].span.start <= at.start);
        if before > 0 {
            let mut scope = Some(self.by_start[before - 1]);
            while let Some(i) = scope {
                if self.scopes[i].span.contains(at) {
                    return i;
                }
                scope = self.scopes[i].parent;
            }
        }
        // `at` outside the program: whatever the plain scan says.
        self.scope_at_by_scan(at)
    }

    fn scope_at_by_scan(&self, at: Span) -> usize {
        let mut best = 0;
        for (i, s) in self.scopes.iter().enumerate() {
            if s.span.contains(at)
                && s.span.end - s.span.start <= {
                    let b = &self.scopes[best].span;
                    b.end - b.start
                }
            {
                best = i;
            }
        }
        best
    }

    pub fn import_of(&self, local: &str) -> Option<&Imported> {
        self.imports.iter().find(|i| i.local == local)
    }

    /// The module a name was imported or required from.
    pub fn module_of(&self, local: &str) -> Option<(&str, &str)> {
        if let Some(i) = self.import_of(local) {
            return Some((i.module.as_str(), i.imported.as_str()));
        }
        self.required
            .iter()
            .find(|(l, _)| l == local)
            .map(|(_, m)| (m.as_str(), "default"))
    }

    /// The declarations of `name` visible from `scope`: the innermost scope that declares it
    /// (or has it as a parameter) wins.
    pub fn declarations(&self, scope: usize, name: &str) -> (usize, Vec<&Declared<'a>>) {
        let mut at = Some(scope);
        while let Some(id) = at {
            let found: Vec<&Declared> = self
                .declared_named
                .get(name)
                .into_iter()
                .flatten()
                .map(|&i| &self.declared[i])
                .filter(|d| d.scope == id)
                .collect();
            if !found.is_empty() || self.scopes[id].params.iter().any(|p| p == name) {
                return (id, found);
            }
            at = self.scopes[id].parent;
        }
        (scope, Vec::new())
    }

    /// The single value `name` is bound to, when it is bound exactly once.
    pub fn value_of(
        &self,
        scope: usize,
        name: &str,
    ) -> Option<(usize, &'a VariableDeclarator<'a>)> {
        let (found_in, found) = self.declarations(scope, name);
        match found.as_slice() {
            [one] if !self.reassigned(found_in, name) => Some((found_in, one.declarator)),
            _ => None,
        }
    }

    pub fn is_parameter(&self, scope: usize, name: &str) -> bool {
        let (found_in, found) = self.declarations(scope, name);
        found.is_empty() && self.scopes[found_in].params.iter().any(|p| p == name)
    }

    /// Is `name = …` assigned anywhere in the file?
    pub fn value_of_anywhere_reassigned(&self, name: &str) -> bool {
        self.assigned_set.contains(name)
    }

    /// Is `name = …` assigned anywhere after its declaration?
    fn reassigned(&self, _scope: usize, name: &str) -> bool {
        self.assigned_set.contains(name)
    }

    /// A function of this file by name: `function f() {}` or `const f = () => …`.
    pub fn function(&self, name: &str) -> Option<(usize, FunctionRef<'a>)> {
        self.scopes.iter().enumerate().find_map(|(i, s)| {
            let f = s.function?;
            let named = match f {
                FunctionRef::Function(func) => func.id.as_ref().map(|id| id.name.as_str()),
                FunctionRef::Arrow(_) => {
                    self.declared.iter().find_map(|d| match &d.declarator.init {
                        Some(Expression::ArrowFunctionExpression(a))
                            if span_of(a.span) == s.span =>
                        {
                            Some(d.name.as_str())
                        }
                        _ => None,
                    })
                }
            };
            (named == Some(name)).then_some((i, f))
        })
    }

    /// The name a function scope is declared under (`function f`, `const f = () => ..`).
    pub fn name_of(&self, scope: usize) -> Option<String> {
        let s = &self.scopes[scope];
        match s.function? {
            FunctionRef::Function(func) => func.id.as_ref().map(|id| id.name.as_str().to_string()),
            FunctionRef::Arrow(_) => self.declared.iter().find_map(|d| match &d.declarator.init {
                Some(Expression::ArrowFunctionExpression(a)) if span_of(a.span) == s.span => {
                    Some(d.name.clone())
                }
                _ => None,
            }),
        }
    }

    /// Does the module export `name` by its declaration or a specifier (`export function
    /// f`, `export const f`, `export { f }`, `export default function f`), or export
    /// everything at once (`export =`)?
    pub fn exports(&self, name: &str) -> bool {
        self.program.body.iter().any(|stmt| match stmt {
            Statement::ExportDeclaration(e) => match &e.declaration {
                Declaration::FunctionDeclaration(f) => {
                    f.id.as_ref().is_some_and(|id| id.name.as_str() == name)
                }
                Declaration::VariableDeclaration(d) => d.declarations.iter().any(|v| {
                    v.id.get_binding_identifiers()
                        .iter()
                        .any(|b| b.name.as_str() == name)
                }),
                _ => false,
            },
            Statement::ExportNamedDeclaration(e) => {
                e.specifiers.iter().any(|s| s.local.name().as_str() == name)
            }
            Statement::ExportDefaultDeclaration(e) => match &e.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    f.id.as_ref().is_some_and(|id| id.name.as_str() == name)
                }
                _ => false,
            },
            Statement::TSExportAssignment(_) => true,
            _ => false,
        })
    }

    /// How many times `name` is read as an expression anywhere in the file (calls of it
    /// included; declarations not).
    pub fn mentions(&self, name: &str) -> usize {
        struct Count<'n> {
            name: &'n str,
            found: usize,
        }
        impl<'a> walk::Visitor<'a> for Count<'_> {
            fn expr(&mut self, e: &'a Expression<'a>) -> bool {
                if e.is_specific_id(self.name) {
                    self.found += 1;
                }
                true
            }
        }
        let mut count = Count { name, found: 0 };
        walk::statements(&mut count, &self.program.body);
        count.found
    }

    pub fn class(&self, name: &str) -> Option<&'a Class<'a>> {
        self.classes
            .iter()
            .copied()
            .find(|c| c.id.as_ref().is_some_and(|id| id.name.as_str() == name))
    }

    /// The scope of a method of `class`, for `this.x` lookups.
    pub fn class_of_scope(&self, scope: usize) -> Option<&'a Class<'a>> {
        let span = self.scopes[scope].span;
        self.classes
            .iter()
            .copied()
            .filter(|c| span_of(c.span).contains(span))
            .min_by_key(|c| c.span.end - c.span.start)
    }
}

impl<'a> Visitor<'a> for Index<'a> {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        match e {
            Expression::CallExpression(call) => self.calls.push((call, self.current())),
            Expression::ChainExpression(chain) => {
                if let ChainElement::CallExpression(call) = &chain.expression {
                    self.calls.push((call, self.current()));
                }
            }
            Expression::AssignmentExpression(a)
                if matches!(
                    a.left.as_simple_assignment_target(),
                    Some(SimpleAssignmentTarget::AssignmentTargetIdentifier(_))
                ) =>
            {
                if let Some(SimpleAssignmentTarget::AssignmentTargetIdentifier(id)) =
                    a.left.as_simple_assignment_target()
                {
                    self.assigned.push(id.name.as_str().to_string());
                }
            }
            Expression::AssignmentExpression(a)
                if a.left
                    .as_simple_assignment_target()
                    .is_some_and(|t| t.as_member_expression().is_some()) =>
            {
                self.member_assignments.push((a, self.current()));
            }
            _ => {}
        }
        true
    }

    fn enter_function(
        &mut self,
        span: oxc_span::Span,
        params: Vec<String>,
        function: FunctionRef<'a>,
    ) {
        self.scopes.push(Scope {
            span: span_of(span),
            parent: Some(self.current()),
            params,
            function: Some(function),
        });
        self.stack.push(self.scopes.len() - 1);
    }

    fn exit_function(&mut self) {
        self.stack.pop();
    }

    fn class(&mut self, class: &'a Class<'a>) {
        self.classes.push(class);
    }

    fn declarator(&mut self, declarator: &'a VariableDeclarator<'a>) {
        if let BindingPattern::BindingIdentifier(id) = &declarator.id {
            let name = id.name.as_str().to_string();
            if let Some(Expression::CallExpression(call)) = &declarator.init {
                if call.callee.is_specific_id("require") {
                    if let Some(Argument::StringLiteral(s)) = call.arguments.first() {
                        self.required
                            .push((name.clone(), s.value.as_str().to_string()));
                    }
                }
            }
            self.declared.push(Declared {
                name,
                scope: self.current(),
                declarator,
            });
        } else if let BindingPattern::ObjectPattern(pattern) = &declarator.id {
            // `const { OpenAI } = require("openai")`
            if let Some(Expression::CallExpression(call)) = &declarator.init {
                if call.callee.is_specific_id("require") {
                    if let Some(Argument::StringLiteral(s)) = call.arguments.first() {
                        for p in &pattern.properties {
                            if let Some(b) = p.value.get_binding_identifier() {
                                self.imports.push(Imported {
                                    local: b.name.as_str().to_string(),
                                    imported: p
                                        .key
                                        .static_name()
                                        .map_or_else(String::new, |n| n.to_string()),
                                    module: s.value.as_str().to_string(),
                                });
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The indexed look-up gives what a scan of every scope gives, at every call and
    /// declaration of every TypeScript and JavaScript fixture.
    #[test]
    fn scope_at_agrees_with_a_scan() {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| {
                    ["ts", "tsx", "js", "mjs", "cjs", "mts"].contains(&e.to_str().unwrap())
                }) {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "found only {} fixtures", files.len());
        let mut checked = 0;
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let allocator = oxc_allocator::Allocator::default();
            let source_type = oxc_span::SourceType::from_path(&path).unwrap_or_default();
            let parsed = oxc_parser::Parser::new(&allocator, &text, source_type).parse();
            let index = Index::build(&parsed.program);
            let mut spans: Vec<Span> = index.calls.iter().map(|(c, _)| span_of(c.span)).collect();
            spans.extend(index.scopes.iter().map(|s| s.span));
            spans.extend(index.declared.iter().map(|d| span_of(d.declarator.span)));
            for at in spans {
                assert_eq!(
                    index.scope_at(at),
                    index.scope_at_by_scan(at),
                    "{} at {at:?}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 100);
    }
}
