//! What a Python file defines: imports, scopes, and where names get their values.

use ruff_python_ast::{self as ast, Expr, Stmt};

/// A function body or the module: where names are assigned and calls are made.
pub struct Scope<'a> {
    pub body: &'a [Stmt],
    pub parent: Option<usize>,
    /// The class whose method this is, for `self.x`.
    pub class: Option<&'a ast::StmtClassDef>,
    pub params: Vec<String>,
    /// The function's name (empty for the module).
    pub name: &'a str,
    /// The function's definition (`None` for the module), for its parameters' annotations.
    pub function: Option<&'a ast::StmtFunctionDef>,
}

/// Canonical SDK client classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientClass {
    OpenAi,
    Azure,
}

#[derive(Default)]
pub struct Index<'a> {
    pub scopes: Vec<Scope<'a>>,
    /// Names bound to the `openai` module.
    pub openai_modules: Vec<String>,
    /// Names bound to an SDK client class.
    pub client_classes: Vec<(String, ClientClass)>,
    /// Names imported from anywhere else (a look-alike `OpenAI` from another library).
    pub foreign: Vec<String>,
    /// Whether the file imports the openai SDK at all (`import openai`, `from openai... import`).
    pub imports_openai: bool,
    /// Another provider's SDK the file imports whose clients have the same `chat.completions`
    /// methods (see [`crate::classify::lookalike_sdk`]).
    pub lookalike_sdk: Option<&'static str>,
    /// Module-level function definitions (factories).
    pub functions: Vec<&'a ast::StmtFunctionDef>,
    /// Classes defined in this file: a client built from one is a look-alike.
    pub classes: Vec<String>,
    /// Names bound to an HTTP library (`requests`, `httpx`, `aiohttp`) or to something
    /// imported from one: the name, the library, and the member (`None` for the module).
    pub http: Vec<(String, &'static str, Option<String>)>,
    /// Per scope, the values assigned to each name, in source order. Walking the scope for
    /// every look-up made a module's requests quadratic.
    assigned: Vec<std::collections::HashMap<&'a str, Vec<&'a Expr>>>,
    /// The annotation of each `name: T = value`, by the value's span.
    annotations: std::collections::HashMap<crate::model::Span, &'a Expr>,
}

impl<'a> Index<'a> {
    pub fn build(module: &'a [Stmt]) -> Index<'a> {
        let mut index = Index::default();
        index.scopes.push(Scope {
            body: module,
            parent: None,
            class: None,
            params: Vec::new(),
            name: "",
            function: None,
        });
        index.collect(module, 0, None);
        index.assigned = index
            .scopes
            .iter()
            .map(|s| {
                let mut by_name: std::collections::HashMap<&'a str, Vec<&'a Expr>> =
                    Default::default();
                for (name, value) in assignments(s.body) {
                    by_name.entry(name).or_default().push(value);
                }
                by_name
            })
            .collect();
        for scope in &index.scopes {
            for stmt in flatten(scope.body) {
                if let Stmt::AnnAssign(a) = stmt {
                    if let Some(value) = &a.value {
                        let at = super::values::span(ruff_text_size::Ranged::range(&**value));
                        index.annotations.insert(at, &a.annotation);
                    }
                }
            }
        }
        index
    }

    /// The annotation of the binding whose value is at `value` (`msgs: list[T] = [...]`).
    pub fn annotation_of(&self, value: crate::model::Span) -> Option<&'a Expr> {
        self.annotations.get(&value).copied()
    }

    /// What importing `module` says about the file's clients.
    fn note_module(&mut self, module: &str) {
        if module == "openai" || module.starts_with("openai.") {
            self.imports_openai = true;
        }
        if self.lookalike_sdk.is_none() {
            self.lookalike_sdk = crate::classify::lookalike_sdk(module);
        }
    }

    fn collect(&mut self, body: &'a [Stmt], scope: usize, class: Option<&'a ast::StmtClassDef>) {
        for stmt in flatten(body) {
            match stmt {
                Stmt::Import(import) => {
                    for alias in &import.names {
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.to_string();
                        if let Some(library) = http_library(alias.name.id.as_str()) {
                            self.http.push((bound.clone(), library, None));
                        }
                        let module = alias.name.id.as_str();
                        self.note_module(module);
                        if module == "openai" {
                            self.openai_modules.push(bound);
                        } else {
                            self.foreign.push(bound);
                        }
                    }
                }
                Stmt::ImportFrom(from) => {
                    let module = from.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                    if from.level == 0 {
                        self.note_module(module);
                    }
                    for alias in &from.names {
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.to_string();
                        if let Some(library) = http_library(module) {
                            self.http.push((
                                bound.clone(),
                                library,
                                Some(alias.name.id.to_string()),
                            ));
                        }
                        let class = match alias.name.id.as_str() {
                            "OpenAI" | "AsyncOpenAI" => Some(ClientClass::OpenAi),
                            "AzureOpenAI" | "AsyncAzureOpenAI" => Some(ClientClass::Azure),
                            _ => None,
                        };
                        // `openai.lib.azure` and other submodules re-export the same classes.
                        let from_openai = module == "openai" || module.starts_with("openai.");
                        match (from_openai, class) {
                            (true, Some(class)) => self.client_classes.push((bound, class)),
                            _ => self.foreign.push(bound),
                        }
                    }
                }
                Stmt::FunctionDef(def) => {
                    if scope == 0 {
                        self.functions.push(def);
                    }
                    let params = def
                        .parameters
                        .iter()
                        .map(|p| p.name().id.to_string())
                        .collect();
                    self.scopes.push(Scope {
                        body: &def.body,
                        parent: Some(scope),
                        class,
                        params,
                        name: def.name.id.as_str(),
                        function: Some(def),
                    });
                    let id = self.scopes.len() - 1;
                    self.collect(&def.body, id, None);
                }
                Stmt::ClassDef(def) => {
                    self.classes.push(def.name.id.to_string());
                    // Methods see the class; the class body itself shares the module's names.
                    for inner in def.body.iter() {
                        if let Stmt::FunctionDef(method) = inner {
                            let params = method
                                .parameters
                                .iter()
                                .map(|p| p.name().id.to_string())
                                .collect();
                            self.scopes.push(Scope {
                                body: &method.body,
                                parent: Some(scope),
                                class: Some(def),
                                params,
                                name: method.name.id.as_str(),
                                function: Some(method),
                            });
                            let id = self.scopes.len() - 1;
                            self.collect(&method.body, id, Some(def));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The annotation of the parameter `name` that `scope` sees (`client: groq.Groq`).
    pub fn parameter_annotation(&self, scope: usize, name: &str) -> Option<&'a Expr> {
        let mut at = Some(scope);
        while let Some(id) = at {
            let s = &self.scopes[id];
            if s.params.iter().any(|p| p == name) {
                return s
                    .function?
                    .parameters
                    .iter()
                    .find(|p| p.name().id.as_str() == name)?
                    .annotation();
            }
            if !self.assigned_in(id, name).is_empty() {
                return None;
            }
            at = s.parent;
        }
        None
    }

    pub fn is_openai_module(&self, name: &str) -> bool {
        self.openai_modules.iter().any(|m| m == name)
    }

    /// The names of the definitions around `scope`, outermost first: classes and functions.
    pub fn enclosing(&self, scope: usize) -> Vec<String> {
        let mut names = Vec::new();
        let mut at = Some(scope);
        while let Some(id) = at {
            let s = &self.scopes[id];
            if !s.name.is_empty() {
                names.push(s.name.to_string());
            }
            if let Some(class) = s.class {
                names.push(class.name.id.to_string());
            }
            at = s.parent;
        }
        names.reverse();
        names.dedup();
        names
    }

    pub fn client_class(&self, name: &str) -> Option<ClientClass> {
        self.client_classes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| *c)
    }

    /// The values assigned to `name` in `scope` or, failing that, its enclosing scopes.
    pub fn assignments(&self, scope: usize, name: &str) -> (usize, Vec<&'a Expr>) {
        let mut at = Some(scope);
        while let Some(id) = at {
            let found = self.assigned_in(id, name);
            if !found.is_empty() || self.scopes[id].params.iter().any(|p| p == name) {
                return (id, found);
            }
            at = self.scopes[id].parent;
        }
        (scope, Vec::new())
    }

    /// `assignments_in` of one scope, from the index.
    fn assigned_in(&self, scope: usize, name: &str) -> Vec<&'a Expr> {
        self.assigned
            .get(scope)
            .and_then(|by_name| by_name.get(name))
            .cloned()
            .unwrap_or_default()
    }

    pub fn is_parameter(&self, scope: usize, name: &str) -> bool {
        let mut at = Some(scope);
        while let Some(id) = at {
            if !self.assigned_in(id, name).is_empty() {
                return false;
            }
            if self.scopes[id].params.iter().any(|p| p == name) {
                return true;
            }
            at = self.scopes[id].parent;
        }
        false
    }

    pub fn function(&self, name: &str) -> Option<&'a ast::StmtFunctionDef> {
        self.functions
            .iter()
            .copied()
            .find(|f| f.name.id.as_str() == name)
    }
}

/// The HTTP library a module path belongs to (`httpx`, `requests.sessions`).
fn http_library(module: &str) -> Option<&'static str> {
    let top = module.split('.').next()?;
    ["requests", "httpx", "aiohttp"]
        .into_iter()
        .find(|library| *library == top)
}

/// Every statement of a body, entering `if`/`for`/`while`/`with`/`try`/`match` blocks but
/// not nested functions or classes, in source order.
pub fn flatten(body: &[Stmt]) -> Vec<&Stmt> {
    let mut out = Vec::new();
    fn go<'b>(body: &'b [Stmt], out: &mut Vec<&'b Stmt>) {
        for stmt in body {
            out.push(stmt);
            match stmt {
                Stmt::If(s) => {
                    go(&s.body, out);
                    for clause in &s.elif_else_clauses {
                        go(&clause.body, out);
                    }
                }
                Stmt::For(s) => {
                    go(&s.body, out);
                    go(&s.orelse, out);
                }
                Stmt::While(s) => {
                    go(&s.body, out);
                    go(&s.orelse, out);
                }
                Stmt::With(s) => go(&s.body, out),
                Stmt::Try(s) => {
                    go(&s.body, out);
                    for handler in &s.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = handler;
                        go(&h.body, out);
                    }
                    go(&s.orelse, out);
                    go(&s.finalbody, out);
                }
                Stmt::Match(s) => {
                    for case in &s.cases {
                        go(&case.body, out);
                    }
                }
                _ => {}
            }
        }
    }
    go(body, &mut out);
    out
}

/// `name = value` and `name: T = value` in one body.
pub fn assignments_in<'b>(body: &'b [Stmt], name: &str) -> Vec<&'b Expr> {
    assignments(body)
        .filter(|(n, _)| *n == name)
        .map(|(_, value)| value)
        .collect()
}

/// Every `name = value` (and `name: T = value`) of a body, in source order.
fn assignments(body: &[Stmt]) -> impl Iterator<Item = (&str, &Expr)> {
    flatten(body).into_iter().filter_map(|stmt| match stmt {
        Stmt::Assign(a) if a.targets.len() == 1 => match &a.targets[0] {
            Expr::Name(n) => Some((n.id.as_str(), &*a.value)),
            _ => None,
        },
        Stmt::AnnAssign(a) => match (&*a.target, &a.value) {
            (Expr::Name(n), Some(v)) => Some((n.id.as_str(), &**v)),
            _ => None,
        },
        _ => None,
    })
}

/// The expressions a statement evaluates itself (not those of nested blocks).
pub fn header_exprs(stmt: &Stmt) -> Vec<&Expr> {
    match stmt {
        Stmt::Expr(s) => vec![&*s.value],
        Stmt::Assign(s) => vec![&*s.value],
        Stmt::AugAssign(s) => vec![&*s.value],
        Stmt::AnnAssign(s) => s.value.as_deref().into_iter().collect(),
        Stmt::Return(s) => s.value.as_deref().into_iter().collect(),
        Stmt::If(s) => std::iter::once(&*s.test)
            .chain(s.elif_else_clauses.iter().filter_map(|c| c.test.as_ref()))
            .collect(),
        Stmt::While(s) => vec![&*s.test],
        Stmt::For(s) => vec![&*s.iter],
        Stmt::With(s) => s.items.iter().map(|i| &i.context_expr).collect(),
        Stmt::Assert(s) => std::iter::once(&*s.test).chain(s.msg.as_deref()).collect(),
        Stmt::Raise(s) => s.exc.as_deref().into_iter().collect(),
        Stmt::Delete(s) => s.targets.iter().collect(),
        _ => Vec::new(),
    }
}

/// Every expression the statements of each scope evaluate themselves, with the scope: what a
/// visitor looking for calls or literals anywhere in a module walks.
pub fn scope_exprs<'a>(index: &Index<'a>) -> Vec<(usize, &'a Expr)> {
    index
        .scopes
        .iter()
        .enumerate()
        .flat_map(|(scope, s)| {
            flatten(s.body)
                .into_iter()
                .flat_map(header_exprs)
                .map(move |e| (scope, e))
        })
        .collect()
}

/// The values a function returns (`return x`), in source order.
pub fn returns(function: &ast::StmtFunctionDef) -> Vec<&Expr> {
    flatten(&function.body)
        .into_iter()
        .filter_map(|s| match s {
            Stmt::Return(r) => r.value.as_deref(),
            _ => None,
        })
        .collect()
}
