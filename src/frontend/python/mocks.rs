//! Tests that stub the chat completions method: `mock.chat.completions.create.return_value`,
//! `.assert_called_once_with(...)`, `patch("pkg.client.chat.completions.create")`,
//! `patch.object(client.chat.completions, "create")`.
//!
//! The stub is not a request, but the test changes with the code it tests, so the file gets
//! one finding that says where and how often.

use super::values::span;
use crate::edit::Edit;
use crate::model::Span;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// What `unittest.mock` (and pytest-mock) read or set on a stubbed method.
const MOCK_ATTRIBUTES: &[&str] = &[
    "return_value",
    "side_effect",
    "call_args",
    "call_args_list",
    "call_count",
    "called",
    "await_args",
    "await_count",
    "mock_calls",
    "assert_called",
    "assert_called_once",
    "assert_called_with",
    "assert_called_once_with",
    "assert_any_call",
    "assert_has_calls",
    "assert_not_called",
    "assert_awaited",
    "assert_awaited_once",
    "assert_awaited_with",
    "assert_awaited_once_with",
    "reset_mock",
];

/// `X.chat.completions.create` (through `beta.` too): the span of `chat.completions.create`.
fn chat_create_path(expr: &Expr) -> Option<Span> {
    let Expr::Attribute(create) = expr else {
        return None;
    };
    let Expr::Attribute(completions) = &*create.value else {
        return None;
    };
    let Expr::Attribute(chat) = &*completions.value else {
        return None;
    };
    (create.attr.id.as_str() == "create"
        && completions.attr.id.as_str() == "completions"
        && chat.attr.id.as_str() == "chat")
        .then(|| {
            Span::new(
                chat.attr.range.start().to_usize(),
                create.attr.range.end().to_usize(),
            )
        })
}

/// `monkeypatch.setattr(owner, "name", value)` (pytest), whose arguments read like
/// `patch.object`'s.
fn is_setattr(call: &ast::ExprCall) -> bool {
    matches!(&*call.func, Expr::Attribute(a) if a.attr.id.as_str() == "setattr")
}

/// Whether `call` is `patch(...)`, `mock.patch(...)`, `mocker.patch(...)` or their `.object`.
fn patch_kind(call: &ast::ExprCall) -> Option<bool> {
    match &*call.func {
        Expr::Name(n) if n.id.as_str() == "patch" => Some(false),
        Expr::Attribute(a) if a.attr.id.as_str() == "patch" => Some(false),
        Expr::Attribute(a) if a.attr.id.as_str() == "object" => match &*a.value {
            Expr::Name(n) if n.id.as_str() == "patch" => Some(true),
            Expr::Attribute(p) if p.attr.id.as_str() == "patch" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Default)]
struct Stubs {
    /// Each place, with the span to report and the path it stubs.
    found: Vec<(Span, Span)>,
}

/// `X.chat.completions.create = fake`: the method replaced by a test's stand-in. Each such
/// target, with the span of `chat.completions.create`.
pub fn replaced_methods(stmt: &Stmt) -> Vec<(&Expr, Span)> {
    let Stmt::Assign(assign) = stmt else {
        return Vec::new();
    };
    assign
        .targets
        .iter()
        .filter_map(|t| chat_create_path(t).map(|path| (t, path)))
        .collect()
}

impl<'a> Visitor<'a> for Stubs {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        for (target, path) in replaced_methods(stmt) {
            self.found.push((span(target.range()), path));
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(a) if MOCK_ATTRIBUTES.contains(&a.attr.id.as_str()) => {
                if let Some(path) = chat_create_path(&a.value) {
                    self.found.push((span(a.range), path));
                }
            }
            Expr::Call(call) => match (patch_kind(call), call.arguments.args.as_ref()) {
                (Some(false), [Expr::StringLiteral(target), ..])
                    if target.value.to_str().ends_with("chat.completions.create") =>
                {
                    let at = span(target.range);
                    self.found.push((span(call.range()), at));
                }
                (kind, [owner, Expr::StringLiteral(method), ..])
                    if (kind == Some(true) || (kind.is_none() && is_setattr(call)))
                        && method.value.to_str() == "create"
                        && matches!(owner, Expr::Attribute(c) if c.attr.id.as_str() == "completions"
                            && matches!(&*c.value, Expr::Attribute(chat) if chat.attr.id.as_str() == "chat")) =>
                {
                    self.found.push((span(call.range()), span(owner.range())));
                }
                _ => {}
            },
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// The stubs of the chat completions method in a module, in source order: where each one
/// is and the path it stubs.
pub fn chat_stubs(module: &[Stmt]) -> Vec<(Span, Span)> {
    let mut stubs = Stubs::default();
    stubs.visit_body(module);
    stubs.found.sort_by_key(|(at, _)| at.start);
    stubs.found
}

/// The methods of a mock that assert the arguments of a call it received.
const ASSERT_ARGUMENTS: &[&str] = &[
    "assert_called_with",
    "assert_called_once_with",
    "assert_any_call",
    "assert_awaited_with",
    "assert_awaited_once_with",
];

/// What may be read or called on a stub without saying anything about the request.
const NEUTRAL: &[&str] = &[
    "call_count",
    "called",
    "await_count",
    "assert_called",
    "assert_called_once",
    "assert_not_called",
    "assert_awaited",
    "assert_awaited_once",
    "assert_not_awaited",
    "reset_mock",
];

/// Classes whose instances tests build as fake results.
const FAKES: &[&str] = &["MagicMock", "Mock", "NonCallableMock", "SimpleNamespace"];

/// A name the test imports: `import app.llm as llm`, `from app import llm`.
struct Import {
    local: String,
    module: String,
    level: u32,
    member: Option<String>,
}

fn imports(module: &[Stmt]) -> Vec<Import> {
    let mut out = Vec::new();
    for stmt in super::scope::flatten(module) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    // `import app.llm` binds `app`, which is not the module.
                    if let Some(asname) = &alias.asname {
                        out.push(Import {
                            local: asname.id.to_string(),
                            module: alias.name.id.to_string(),
                            level: 0,
                            member: None,
                        });
                    }
                }
            }
            Stmt::ImportFrom(from) => {
                let module = from
                    .module
                    .as_ref()
                    .map(|m| m.id.to_string())
                    .unwrap_or_default();
                for alias in &from.names {
                    out.push(Import {
                        local: alias.asname.as_ref().unwrap_or(&alias.name).id.to_string(),
                        module: module.clone(),
                        level: from.level,
                        member: Some(alias.name.id.to_string()),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// `mocker.patch(...)` and `mocker.patch.object(...)` (pytest-mock), which return the mock.
fn by_mocker(call: &ast::ExprCall) -> bool {
    let Expr::Attribute(a) = &*call.func else {
        return false;
    };
    let on = match &*a.value {
        Expr::Attribute(p) if a.attr.id.as_str() == "object" && p.attr.id.as_str() == "patch" => {
            &*p.value
        }
        other if a.attr.id.as_str() == "patch" => other,
        _ => return false,
    };
    matches!(on, Expr::Name(n) if n.id.as_str() == "mocker")
}

/// `self.NAME`: `NAME`.
fn self_attribute(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "self") => {
            Some(a.attr.id.as_str())
        }
        _ => None,
    }
}

/// What a patcher's mock is kept in once started.
enum Started {
    Name(String),
    OnSelf(String),
}

/// Where the patcher `name` (`patcher = patch(...)`) keeps its mock: started once
/// (`create = patcher.start()`, `self.create = patcher.start()`), and otherwise only stopped.
fn started_as(body: &[Stmt], name: &str) -> Option<Started> {
    let mut kept = None;
    for stmt in super::scope::flatten(body) {
        let Stmt::Assign(a) = stmt else {
            continue;
        };
        let starts = matches!(&*a.value, Expr::Call(c) if c.arguments.is_empty() && matches!(&*c.func, Expr::Attribute(s) if s.attr.id.as_str() == "start" && matches!(&*s.value, Expr::Name(n) if n.id.as_str() == name)));
        if !starts {
            continue;
        }
        if a.targets.len() != 1 || kept.is_some() {
            return None;
        }
        kept = match &a.targets[0] {
            Expr::Name(n) => Some(Started::Name(n.id.to_string())),
            target => Some(Started::OnSelf(self_attribute(target)?.to_string())),
        };
    }
    // Every other read of the patcher stops it.
    struct Reads<'n>(&'n str, usize, usize);
    impl<'a> Visitor<'a> for Reads<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Attribute(a) = expr {
                if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == self.0)
                    && matches!(a.attr.id.as_str(), "start" | "stop")
                {
                    self.2 += 1;
                }
            }
            if let Expr::Name(n) = expr {
                if n.ctx.is_load() && n.id.as_str() == self.0 {
                    self.1 += 1;
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut reads = Reads(name, 0, 0);
    reads.visit_body(body);
    if reads.1 == reads.2 {
        kept
    } else {
        None
    }
}

/// How often `name` is read in `body` (nested functions included).
fn loads(body: &[Stmt], name: &str) -> usize {
    struct Count<'n>(&'n str, usize);
    impl<'a> Visitor<'a> for Count<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Name(n) = expr {
                if n.ctx.is_load() && n.id.as_str() == self.0 {
                    self.1 += 1;
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut count = Count(name, 0);
    count.visit_body(body);
    count.1
}

/// The name of a call's function as written last (`MagicMock` for `mock.MagicMock`).
fn called_name(call: &ast::ExprCall) -> Option<&str> {
    match &*call.func {
        Expr::Name(n) => Some(n.id.as_str()),
        Expr::Attribute(a) => Some(a.attr.id.as_str()),
        _ => None,
    }
}

/// A place the test names the chat method: a `….chat.completions` attribute (its span) or a
/// dotted string ending in `chat.completions.create`.
#[derive(Default)]
struct Occurrences(Vec<Span>);

impl<'a> Visitor<'a> for Occurrences {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(c)
                if c.attr.id.as_str() == "completions"
                    && matches!(&*c.value, Expr::Attribute(chat) if chat.attr.id.as_str() == "chat") =>
            {
                self.0.push(span(c.range));
            }
            Expr::StringLiteral(s) if s.value.to_str().ends_with("chat.completions.create") => {
                self.0.push(span(s.range));
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// A patch of something the module under test holds.
#[derive(Clone, Copy, PartialEq)]
enum Patched {
    /// The chat method itself: the mock stands for `create`.
    Method,
    /// The client: the mock's `chat.completions.create` is the stub.
    Client,
}

struct Migration<'a, 'c> {
    text: &'a str,
    call: &'c crate::frontend::StubbedCall<'c>,
    imports: Vec<Import>,
    index: super::scope::Index<'a>,
    out: crate::frontend::StubEdits,
    covered: Vec<Span>,
    /// A fake became a `Response`: the classes it is built from must be imported.
    response_import: bool,
}

/// Why the stub cannot move with the call, at a byte offset.
type Lost = (usize, String);

impl<'a> Migration<'a, '_> {
    fn line(&self, at: usize) -> usize {
        1 + self.text[..at].matches('\n').count()
    }

    fn src(&self, e: &impl Ranged) -> &'a str {
        &self.text[e.range()]
    }

    /// Whether the dotted `prefix` (`app.llm.client`) is the client of the module under test.
    fn is_client_path(&self, prefix: &str) -> bool {
        match prefix.rsplit_once('.') {
            Some((module, attr)) => {
                attr == self.call.client && (self.call.is_own_module)(module, 0) == Some(true)
            }
            None => false,
        }
    }

    /// Whether `expr` is the module under test as the test imported it.
    fn is_module_expr(&self, expr: &Expr) -> bool {
        let Expr::Name(n) = expr else {
            return false;
        };
        self.imports
            .iter()
            .filter(|i| i.local == n.id.as_str())
            .any(|i| {
                let written = match &i.member {
                    Some(m) if i.module.is_empty() => m.clone(),
                    Some(m) => format!("{}.{m}", i.module),
                    None => i.module.clone(),
                };
                (self.call.is_own_module)(&written, i.level) == Some(true)
            })
    }

    /// Whether `expr` is the client of the module under test: `client` imported from it,
    /// or `llm.client` on the module.
    fn is_client_expr(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(n) => self.imports.iter().any(|i| {
                i.local == n.id.as_str()
                    && i.member.as_deref() == Some(self.call.client)
                    && (self.call.is_own_module)(&i.module, i.level) == Some(true)
            }),
            Expr::Attribute(a) => {
                a.attr.id.as_str() == self.call.client && self.is_module_expr(&a.value)
            }
            _ => false,
        }
    }

    /// `chat.completions` inside `at` (the text of a dotted string or an attribute chain)
    /// becomes `responses`.
    fn rename_path(&mut self, at: Span, covered: Span) -> Result<(), Lost> {
        let written = &self.text[at.start..at.end];
        let Some(i) = written.rfind("chat.completions") else {
            return Err((
                at.start,
                "the stubbed path is not written in one piece".into(),
            ));
        };
        let start = at.start + i;
        self.out.edits.push(Edit::replace(
            Span::new(start, start + "chat.completions".len()),
            "responses",
        ));
        self.covered.push(covered);
        Ok(())
    }

    /// A patch of the chat method or of the client of the module under test, with what it
    /// patches; `Err` for a patch of the chat method that is not the module's.
    fn patch_of(&mut self, call: &'a ast::ExprCall) -> Result<Option<Patched>, Lost> {
        let at = span(call.range()).start;
        match (patch_kind(call), call.arguments.args.as_ref()) {
            (Some(false), [Expr::StringLiteral(target), ..]) => {
                let path = target.value.to_str();
                if let Some(prefix) = path.strip_suffix(".chat.completions.create") {
                    if !self.is_client_path(prefix) {
                        return Err((
                            at,
                            format!("patches `{path}`, which responsify cannot tie to this module's `{}`", self.call.client),
                        ));
                    }
                    if target.value.is_implicit_concatenated() {
                        return Err((at, "the patched path is split over several strings".into()));
                    }
                    self.rename_path(span(target.range), span(target.range))?;
                    return Ok(Some(Patched::Method));
                }
                Ok(self.is_client_path(path).then_some(Patched::Client))
            }
            (Some(true), [owner, Expr::StringLiteral(method), ..]) => {
                let method = method.value.to_str();
                if let Expr::Attribute(c) = owner {
                    if let Expr::Attribute(chat) = &*c.value {
                        if c.attr.id.as_str() == "completions" && chat.attr.id.as_str() == "chat" {
                            if method != "create" {
                                return Ok(None);
                            }
                            if !self.is_client_expr(&chat.value) {
                                return Err((
                                    at,
                                    format!("patches `{}`, which responsify cannot tie to this module's `{}`", self.src(owner), self.call.client),
                                ));
                            }
                            self.rename_path(span(c.range), span(c.range))?;
                            return Ok(Some(Patched::Method));
                        }
                    }
                }
                Ok((method == self.call.client && self.is_module_expr(owner))
                    .then_some(Patched::Client))
            }
            _ => Ok(None),
        }
    }

    /// The mock a patch hands over in place of what it patches, when the test passes one
    /// (`patch(target, new)`, `patch.object(owner, name, new)`, `new=`).
    fn replacement(call: &'a ast::ExprCall) -> Option<&'a Expr> {
        let positional = if matches!(patch_kind(call), Some(true)) {
            2
        } else {
            1
        };
        call.arguments.args.get(positional).or_else(|| {
            call.arguments
                .keywords
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "new"))
                .map(|k| &k.value)
        })
    }

    /// The fake `expr` builds as a Responses result, or why it cannot be rewritten.
    fn fake(&mut self, expr: &'a Expr) -> Result<(), Lost> {
        let at = span(expr.range()).start;
        let not_mechanical = |what: &str| {
            Err((
                at,
                format!("`{what}` is not a fake responsify can rewrite as a Responses result"),
            ))
        };
        let shown = {
            let s = self
                .src(expr)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match s.char_indices().nth(60) {
                Some((cut, _)) => format!("{} …", &s[..cut]),
                None => s,
            }
        };
        if let Expr::Name(_) = expr {
            let value = self.named(expr)?;
            return self.fake(value);
        }
        let Expr::Call(outer) = expr else {
            return not_mechanical(&shown);
        };
        if called_name(outer) == Some("ChatCompletion") {
            if let Some(text) = self.response_for(outer) {
                if !self.call.text_only {
                    return Err((
                        at,
                        "the code under test reads more of the result than its text, which this fake does not carry".into(),
                    ));
                }
                self.out.edits.push(Edit::replace(span(expr.range()), text));
                self.response_import = true;
                return Ok(());
            }
        }
        if let Some(class) =
            called_name(outer).filter(|n| *n == "ChatCompletion" || *n == "ChatCompletionChunk")
        {
            return Err((
                at,
                format!("the fake built here is a `{class}`, and the migrated code reads a `Response` (`output_text`, `output` items), which a person writes"),
            ));
        }
        // `X(choices=[X(message=X(content=TEXT))])`, with `role="assistant"` allowed.
        let only =
            |call: &'a ast::ExprCall, key: &str, allowed: &[(&str, &str)]| -> Option<&'a Expr> {
                if !call.arguments.args.is_empty()
                    || !called_name(call).is_some_and(|n| FAKES.contains(&n))
                {
                    return None;
                }
                let mut found = None;
                for k in call.arguments.keywords.iter() {
                    let name = k.arg.as_ref()?.id.as_str();
                    if name == key {
                        found = Some(&k.value);
                    } else if !allowed.iter().any(|(n, v)| {
                        *n == name
                            && matches!(&k.value, Expr::StringLiteral(s) if s.value.to_str() == *v)
                    }) {
                        return None;
                    }
                }
                found
            };
        let content = only(outer, "choices", &[])
            .and_then(|choices| match choices {
                Expr::List(l) if l.elts.len() == 1 => Some(&l.elts[0]),
                _ => None,
            })
            .and_then(|choice| match choice {
                Expr::Call(c) => only(c, "message", &[("finish_reason", "stop")]),
                _ => None,
            })
            .and_then(|message| match message {
                Expr::Call(m) => only(m, "content", &[("role", "assistant")]),
                _ => None,
            });
        let Some(content) = content else {
            return not_mechanical(&shown);
        };
        if !self.call.text_only {
            return Err((
                at,
                "the code under test reads more of the result than its text, which this fake does not carry".into(),
            ));
        }
        let text = format!(
            "{}(output_text={})",
            self.src(&*outer.func),
            self.src(content)
        );
        self.out.edits.push(Edit::replace(span(expr.range()), text));
        Ok(())
    }

    /// What a name given as a fake stands for: its one assignment in the test function,
    /// when nothing else reads it.
    fn named(&self, expr: &'a Expr) -> Result<&'a Expr, Lost> {
        let Expr::Name(n) = expr else {
            return Ok(expr);
        };
        let scope = self.scope_at(span(n.range));
        let (id, values) = self.index.assignments(scope, n.id.as_str());
        if let ([value], true) = (values.as_slice(), id == scope && scope > 0) {
            if loads(self.index.scopes[scope].body, n.id.as_str()) == 1 {
                return Ok(value);
            }
        }
        Err((
            span(n.range).start,
            format!(
                "`{}` is a fake responsify cannot see built in one place",
                n.id
            ),
        ))
    }

    /// `ChatCompletion(id=…, created=…, model=…, choices=[Choice(message=ChatCompletionMessage(
    /// role="assistant", content=TEXT), finish_reason="stop")])` as the `Response` that
    /// carries the same text, or `None` when it says anything more.
    fn response_for(&self, completion: &'a ast::ExprCall) -> Option<String> {
        fn keywords<'e>(
            call: &'e ast::ExprCall,
            class: &str,
            fixed: &[(&str, Option<&str>)],
        ) -> Option<Vec<(&'e str, &'e Expr)>> {
            if called_name(call) != Some(class) || !call.arguments.args.is_empty() {
                return None;
            }
            let mut out = Vec::new();
            for k in call.arguments.keywords.iter() {
                let name = k.arg.as_ref()?.id.as_str();
                // A key that must hold one literal (`None` for the literal `None`).
                match fixed.iter().find(|(n, _)| *n == name) {
                    Some((_, Some(v))) => {
                        if !matches!(&k.value, Expr::StringLiteral(s) if s.value.to_str() == *v) {
                            return None;
                        }
                    }
                    Some((_, None)) => {
                        if !matches!(&k.value, Expr::NoneLiteral(_)) {
                            return None;
                        }
                    }
                    None => out.push((name, &k.value)),
                }
            }
            Some(out)
        }
        let top = keywords(
            completion,
            "ChatCompletion",
            &[
                ("object", Some("chat.completion")),
                ("usage", None),
                ("system_fingerprint", None),
                ("service_tier", None),
            ],
        )?;
        let get = |list: &[(&str, &'a Expr)], key: &str| {
            list.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
        };
        if top
            .iter()
            .any(|(k, _)| !matches!(*k, "id" | "created" | "model" | "choices"))
        {
            return None;
        }
        let (id, created, model) = (get(&top, "id")?, get(&top, "created")?, get(&top, "model")?);
        let Expr::List(choices) = get(&top, "choices")? else {
            return None;
        };
        let [Expr::Call(choice)] = choices.elts.as_slice() else {
            return None;
        };
        let choice = keywords(
            choice,
            "Choice",
            &[("finish_reason", Some("stop")), ("logprobs", None)],
        )?;
        if choice.iter().any(|(k, v)| {
            !(*k == "message" || *k == "index" && matches!(v, Expr::NumberLiteral(_)))
        }) {
            return None;
        }
        let Expr::Call(message) = get(&choice, "message")? else {
            return None;
        };
        let message = keywords(
            message,
            "ChatCompletionMessage",
            &[
                ("role", Some("assistant")),
                ("refusal", None),
                ("tool_calls", None),
                ("function_call", None),
                ("audio", None),
            ],
        )?;
        let [("content", content)] = message.as_slice() else {
            return None;
        };
        let indent = crate::edit::indentation_at(self.text, span(completion.range()).start);
        let i1 = format!("{indent}    ");
        let i2 = format!("{indent}        ");
        let i3 = format!("{indent}            ");
        let newline = crate::edit::line_ending(self.text);
        Some(
            [
                "Response(".to_string(),
                format!("{i1}id={},", self.src(id)),
                format!("{i1}object=\"response\","),
                format!("{i1}created_at={},", self.src(created)),
                format!("{i1}model={},", self.src(model)),
                format!("{i1}output=["),
                format!("{i2}ResponseOutputMessage("),
                format!("{i3}id=\"msg_1\","),
                format!("{i3}type=\"message\","),
                format!("{i3}role=\"assistant\","),
                format!("{i3}status=\"completed\","),
                format!("{i3}content=["),
                format!(
                    "{i3}    ResponseOutputText(type=\"output_text\", text={}, annotations=[])",
                    self.src(*content)
                ),
                format!("{i3}],"),
                format!("{i2})"),
                format!("{i1}],"),
                format!("{i1}parallel_tool_calls=False,"),
                format!("{i1}tool_choice=\"auto\","),
                format!("{i1}tools=[],"),
                format!("{indent})"),
            ]
            .join(newline),
        )
    }

    /// A `side_effect`: fakes in a list, or an exception (which either API raises alike).
    fn side_effect(&mut self, expr: &'a Expr) -> Result<(), Lost> {
        match expr {
            Expr::List(l) => l.elts.iter().try_for_each(|e| self.side_effect(e)),
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.side_effect(e)),
            Expr::Name(n)
                if n.id.as_str().ends_with("Error") || n.id.as_str().ends_with("Exception") =>
            {
                Ok(())
            }
            Expr::Call(c)
                if called_name(c)
                    .is_some_and(|n| n.ends_with("Error") || n.ends_with("Exception")) =>
            {
                Ok(())
            }
            Expr::Name(_) => {
                let value = self.named(expr)?;
                self.side_effect(value)
            }
            _ => self.fake(expr),
        }
    }

    /// The keyword arguments of a patch that configure its mock.
    fn patch_keywords(&mut self, call: &'a ast::ExprCall) -> Result<(), Lost> {
        for k in call.arguments.keywords.iter() {
            let at = span(k.range).start;
            match k.arg.as_ref().map(|a| a.id.as_str()) {
                Some("return_value") => self.fake(&k.value)?,
                Some("side_effect") => self.side_effect(&k.value)?,
                Some("autospec" | "spec" | "spec_set" | "new_callable" | "create") => {}
                Some("new") => {}
                _ => {
                    return Err((
                        at,
                        format!(
                            "`{}` configures the stub in a way responsify does not follow",
                            self.src(k)
                        ),
                    ))
                }
            }
        }
        Ok(())
    }

    /// The innermost scope of the index whose function holds `at`.
    fn scope_at(&self, at: Span) -> usize {
        let mut best = 0;
        for (i, s) in self.index.scopes.iter().enumerate() {
            if let Some(f) = s.function {
                if span(f.range).contains(at)
                    && self.index.scopes[best]
                        .function
                        .is_none_or(|b| span(b.range).contains(span(f.range)))
                {
                    best = i;
                }
            }
        }
        best
    }

    /// An asserted call of the stub: its keyword arguments, as a request.
    fn asserted(&mut self, call: &'a ast::ExprCall) -> Result<(), Lost> {
        let at = span(call.range());
        if !call.arguments.args.is_empty() {
            return Err((
                at.start,
                "the stub is asserted with positional arguments".into(),
            ));
        }
        let scope = self.scope_at(at);
        let body = super::values::body(&self.index, scope, call, self.text);
        if let Some(hidden) = body.hidden.first() {
            return Err((at.start, format!("the asserted arguments include {hidden}")));
        }
        let mut unit = crate::model::Unit::new(
            crate::model::Request {
                endpoint: crate::model::Endpoint::ChatCompletions,
                site: crate::model::Site::Elsewhere,
                span: at,
                body: body.value,
                hidden_keys: false,
            },
            crate::model::Verdict::Migrate,
        );
        unit.containers = body.containers;
        self.out.asserted.push(unit);
        Ok(())
    }

    /// A key read off a recorded call: `….kwargs["messages"]`, `…[1]["max_tokens"]`.
    fn key(&mut self, key: &'a ast::ExprStringLiteral) -> Result<(), Lost> {
        if key.value.is_implicit_concatenated() {
            return Err((
                span(key.range).start,
                "the key is split over several strings".into(),
            ));
        }
        let written = self.src(key);
        let value = key.value.to_str();
        let Some(i) = written.find(value) else {
            return Err((
                span(key.range).start,
                "the key is written with escapes".into(),
            ));
        };
        let start = span(key.range).start + i;
        self.out
            .keys
            .push((Span::new(start, start + value.len()), value.to_string()));
        Ok(())
    }
}

/// A use of a stub in a test: `STUB` stands for the stubbed method.
struct Uses<'m, 'a, 'c> {
    m: &'m mut Migration<'a, 'c>,
    /// Names that stand for the stubbed method, and for the patched client.
    methods: Vec<String>,
    clients: Vec<String>,
    /// Attributes of `self` that stand for the stubbed method (kept by `setUp`).
    attributes: Vec<String>,
    /// Where a name of theirs is used other than in a way understood, and whether it is a
    /// name of the stub (a client's name may be handed on: only its chat method matters).
    seen: Vec<(usize, bool)>,
    lost: Option<Lost>,
}

impl<'a> Uses<'_, 'a, '_> {
    /// Whether `expr` is the stub: a name bound to it, or `client.chat.completions.create` on
    /// a name bound to the patched client (whose path then moves too).
    fn stub(&mut self, expr: &'a Expr) -> bool {
        match expr {
            Expr::Name(n) if self.methods.iter().any(|m| m == n.id.as_str()) => true,
            Expr::Attribute(_)
                if self_attribute(expr).is_some_and(|a| self.attributes.iter().any(|x| x == a)) =>
            {
                true
            }
            Expr::Attribute(create) if create.attr.id.as_str() == "create" => {
                let Expr::Attribute(c) = &*create.value else {
                    return false;
                };
                let Expr::Attribute(chat) = &*c.value else {
                    return false;
                };
                let Expr::Name(n) = &*chat.value else {
                    return false;
                };
                if c.attr.id.as_str() != "completions"
                    || chat.attr.id.as_str() != "chat"
                    || !self.clients.iter().any(|m| m == n.id.as_str())
                {
                    return false;
                }
                let at = Span::new(span(chat.range).start, span(c.range).end);
                if let Err(lost) = self.m.rename_path(at, span(c.range)) {
                    self.lost.get_or_insert(lost);
                }
                true
            }
            _ => false,
        }
    }

    fn record(&mut self, result: Result<(), Lost>) {
        if let Err(lost) = result {
            self.lost.get_or_insert(lost);
        }
    }

    /// `STUB.call_args.kwargs`, `STUB.call_args[1]`, `STUB.call_args_list[i].kwargs` (and the
    /// await forms): the keyword arguments of a recorded call.
    fn recorded_kwargs(&mut self, expr: &'a Expr) -> bool {
        let recorded = |this: &mut Self, e: &'a Expr| match e {
            Expr::Attribute(a) if matches!(a.attr.id.as_str(), "call_args" | "await_args") => {
                this.stub(&a.value)
            }
            Expr::Subscript(s) => match &*s.value {
                Expr::Attribute(a)
                    if matches!(a.attr.id.as_str(), "call_args_list" | "await_args_list")
                        && matches!(&*s.slice, Expr::NumberLiteral(_)) =>
                {
                    this.stub(&a.value)
                }
                _ => false,
            },
            _ => false,
        };
        match expr {
            Expr::Attribute(k) if k.attr.id.as_str() == "kwargs" => recorded(self, &k.value),
            Expr::Subscript(s) if matches!(&*s.slice, Expr::NumberLiteral(n) if matches!(&n.value, ast::Number::Int(i) if *i == 1u8)) => {
                recorded(self, &s.value)
            }
            _ => false,
        }
    }
}

impl<'a> Visitor<'a> for Uses<'_, 'a, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::Assign(assign) = stmt {
            if let [Expr::Attribute(target)] = assign.targets.as_slice() {
                let kind = target.attr.id.as_str();
                if matches!(kind, "return_value" | "side_effect") && self.stub(&target.value) {
                    let result = if kind == "return_value" {
                        self.m.fake(&assign.value)
                    } else {
                        self.m.side_effect(&assign.value)
                    };
                    self.record(result);
                    return;
                }
            }
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Attribute(a)
                if a.ctx.is_load()
                    && self_attribute(expr)
                        .is_some_and(|x| self.attributes.iter().any(|y| y == x)) =>
            {
                self.seen.push((span(a.range).start, true));
                return;
            }
            Expr::Name(n)
                if n.ctx.is_load()
                    && self
                        .methods
                        .iter()
                        .chain(&self.clients)
                        .any(|m| m == n.id.as_str()) =>
            {
                let method = self.methods.iter().any(|m| m == n.id.as_str());
                self.seen.push((span(n.range).start, method));
                return;
            }
            Expr::Call(call) => {
                if let Expr::Attribute(method) = &*call.func {
                    let name = method.attr.id.as_str();
                    if ASSERT_ARGUMENTS.contains(&name) && self.stub(&method.value) {
                        let result = self.m.asserted(call);
                        self.record(result);
                        for k in call.arguments.keywords.iter() {
                            self.visit_expr(&k.value);
                        }
                        return;
                    }
                }
            }
            Expr::Attribute(a) if NEUTRAL.contains(&a.attr.id.as_str()) && self.stub(&a.value) => {
                return;
            }
            Expr::Subscript(s) => {
                if let Expr::StringLiteral(key) = &*s.slice {
                    if self.recorded_kwargs(&s.value) {
                        let result = self.m.key(key);
                        self.record(result);
                        return;
                    }
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// How the test `module` (text `text`) stubs the chat method of the module `call` describes,
/// and how each use moves with the call.
pub fn migrate(
    module: &[Stmt],
    text: &str,
    call: &crate::frontend::StubbedCall,
) -> crate::frontend::TestStub {
    use crate::frontend::TestStub;
    let mut occurrences = Occurrences::default();
    occurrences.visit_body(module);
    if occurrences.0.is_empty() {
        return TestStub::Unrelated;
    }
    let mut m = Migration {
        text,
        call,
        imports: imports(module),
        index: super::scope::Index::build(module),
        out: Default::default(),
        covered: Vec::new(),
        response_import: false,
    };
    let lost = |m: &Migration, (at, why): Lost| {
        TestStub::OutOfSight {
        line: m.line(at),
        why: format!(
            "{why}; the test stubs `chat.completions.create` for this module and must move with the code"
        ),
    }
    };
    // Every patch call of the file.
    #[derive(Default)]
    struct Patches<'a>(Vec<&'a ast::ExprCall>);
    impl<'a> Visitor<'a> for Patches<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                if patch_kind(call).is_some() {
                    self.0.push(call);
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut patches = Patches::default();
    patches.visit_body(module);
    // Per function scope: the names bound to the stubbed method and to the patched client.
    // Stubs kept on a test case: the class (where it starts) and the attribute.
    let mut on_selves: Vec<(usize, String)> = Vec::new();
    let mut bound: Vec<(Vec<String>, Vec<String>)> = vec![Default::default(); m.index.scopes.len()];
    for patch in patches.0 {
        let at = span(patch.range());
        let patched = match m.patch_of(patch) {
            Ok(Some(p)) => p,
            Ok(None) => continue,
            Err(l) => return lost(&m, l),
        };
        if let Err(l) = m.patch_keywords(patch) {
            return lost(&m, l);
        }
        let replacement = Migration::replacement(patch);
        // Who holds the mock: a decorated function's parameter, a `with … as` name, an
        // assignment; or the test's own mock handed in (`patch(target, mock_client)`).
        let scope = m.scope_at(at);
        let mut holder: Option<(usize, String)> = None;
        // A stub kept on the test case (`self.create`), used by its other methods.
        let mut on_self: Option<String> = None;
        let def = m.index.scopes.iter().enumerate().find_map(|(i, s)| {
            let f = s.function?;
            f.decorator_list
                .iter()
                .any(|d| span(d.expression.range()) == at)
                .then_some((i, f, s.class.is_some()))
        });
        if let Some((i, f, method)) = def {
            if replacement.is_none() {
                // Mocks are handed over bottom-up, after `self`.
                let injecting: Vec<Span> = f
                    .decorator_list
                    .iter()
                    .rev()
                    .filter_map(|d| match &d.expression {
                        Expr::Call(c)
                            if patch_kind(c).is_some() && Migration::replacement(c).is_none() =>
                        {
                            Some(span(c.range()))
                        }
                        _ => None,
                    })
                    .collect();
                let position = injecting.iter().position(|s| *s == at).unwrap_or(0);
                let params: Vec<&str> = f
                    .parameters
                    .posonlyargs
                    .iter()
                    .chain(&f.parameters.args)
                    .map(|p| p.parameter.name.id.as_str())
                    .collect();
                let skip = usize::from(method);
                match params.get(skip + position) {
                    Some(name) if f.parameters.vararg.is_none() => holder = Some((i, name.to_string())),
                    _ => {
                        return lost(&m, (at.start, "the decorated test takes its mocks in a way responsify does not follow".into()))
                    }
                }
            }
        } else {
            let statements = super::scope::flatten(m.index.scopes[scope].body);
            let mut placed = false;
            for stmt in statements {
                match stmt {
                    Stmt::With(w) => {
                        for item in &w.items {
                            if span(item.context_expr.range()) == at {
                                placed = true;
                                if let Some(Expr::Name(n)) = item.optional_vars.as_deref() {
                                    holder = Some((scope, n.id.to_string()));
                                } else if item.optional_vars.is_some() {
                                    placed = false;
                                }
                            }
                        }
                    }
                    Stmt::Assign(a) if a.targets.len() == 1 => {
                        let value = &*a.value;
                        let started = matches!(value, Expr::Call(c) if matches!(&*c.func, Expr::Attribute(s) if s.attr.id.as_str() == "start" && span(s.value.range()) == at));
                        if span(value.range()) == at || started {
                            match &a.targets[0] {
                                Expr::Name(n) if started || by_mocker(patch) => {
                                    placed = true;
                                    holder = Some((scope, n.id.to_string()));
                                }
                                // `patcher = patch(...)`, started once and stopped.
                                Expr::Name(n) => {
                                    match started_as(m.index.scopes[scope].body, n.id.as_str()) {
                                        Some(Started::Name(name)) => {
                                            placed = true;
                                            holder = Some((scope, name));
                                        }
                                        Some(Started::OnSelf(name)) => {
                                            placed = true;
                                            on_self = Some(name);
                                        }
                                        None => {}
                                    }
                                }
                                // `self.create = patch(...).start()` in `setUp`.
                                target if started => {
                                    if let Some(name) = self_attribute(target) {
                                        placed = true;
                                        on_self = Some(name.to_string());
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    Stmt::Expr(e) if span(e.value.range()) == at => placed = true,
                    _ => {}
                }
            }
            if !placed || scope == 0 {
                return lost(
                    &m,
                    (
                        at.start,
                        "the stub is kept where responsify does not follow it".into(),
                    ),
                );
            }
        }
        if let Some(name) = on_self {
            let class = m.index.scopes[scope].class.map(|c| span(c.range).start);
            match (class, patched) {
                (Some(class), Patched::Method) => on_selves.push((class, name)),
                _ => {
                    return lost(
                        &m,
                        (
                            at.start,
                            "the stub is kept where responsify does not follow it".into(),
                        ),
                    )
                }
            }
        }
        if let Some(new) = replacement {
            match (patched, new) {
                // The test's own mock client, handed in by name.
                (Patched::Client, Expr::Name(n)) => holder = Some((scope, n.id.to_string())),
                _ => {
                    return lost(
                        &m,
                        (
                            at.start,
                            format!(
                                "the stub is `{}`, which responsify does not follow",
                                m.src(new)
                            ),
                        ),
                    )
                }
            }
        }
        if let Some((scope, name)) = holder {
            let slot = &mut bound[scope];
            match patched {
                Patched::Method => slot.0.push(name),
                Patched::Client => slot.1.push(name),
            }
        }
    }
    for (scope, (methods, clients)) in bound.into_iter().enumerate() {
        // Every method of a test case that keeps a stub on `self` may use it.
        let class = m.index.scopes[scope].class.map(|c| span(c.range).start);
        let attributes: Vec<String> = on_selves
            .iter()
            .filter(|(c, _)| Some(*c) == class)
            .map(|(_, name)| name.clone())
            .collect();
        if methods.is_empty() && clients.is_empty() && attributes.is_empty() {
            continue;
        }
        let body = m.index.scopes[scope].body;
        let mut uses = Uses {
            m: &mut m,
            methods,
            clients,
            attributes,
            seen: Vec::new(),
            lost: None,
        };
        uses.visit_body(body);
        if let Some(l) = uses.lost.take() {
            return lost(&m, l);
        }
        // A name of the test's own mock client may be used for anything else; a name of the
        // stub only in the ways understood.
        if let Some(&(at, _)) = uses.seen.iter().find(|(_, method)| *method) {
            return lost(
                &m,
                (
                    at,
                    "the stub is used in a way responsify does not follow".into(),
                ),
            );
        }
    }
    if let Some(&first) = occurrences.0.iter().find(|o| !m.covered.contains(o)) {
        return lost(
            &m,
            (
                first.start,
                "the chat method is stubbed here in a way responsify does not migrate".into(),
            ),
        );
    }
    if m.response_import {
        // After the module's last import: the classes a `Response` fake is built from.
        const CLASSES: [&str; 3] = ["Response", "ResponseOutputMessage", "ResponseOutputText"];
        let bound: Vec<&Import> = m
            .imports
            .iter()
            .filter(|i| CLASSES.contains(&i.local.as_str()))
            .collect();
        if bound.iter().any(|i| i.module != "openai.types.responses") {
            return lost(
                &m,
                (0, "`Response` is bound to another name in the test".into()),
            );
        }
        let missing: Vec<&str> = CLASSES
            .iter()
            .copied()
            .filter(|c| !bound.iter().any(|i| i.local == *c))
            .collect();
        // Beside the test's own imports from the SDK when it has some.
        let imports: Vec<&Stmt> = module
            .iter()
            .take_while(|s| matches!(s, Stmt::Import(_) | Stmt::ImportFrom(_) | Stmt::Expr(_)))
            .filter(|s| matches!(s, Stmt::Import(_) | Stmt::ImportFrom(_)))
            .collect();
        let from_sdk = |s: &&Stmt| match s {
            Stmt::ImportFrom(f) => f
                .module
                .as_ref()
                .is_some_and(|m| m.id.as_str() == "openai" || m.id.as_str().starts_with("openai.")),
            _ => false,
        };
        let last = imports
            .iter()
            .copied()
            .rfind(from_sdk)
            .or(imports.last().copied());
        match (last, missing.is_empty()) {
            (_, true) => {}
            (Some(last), false) => {
                let at = span(last.range()).end;
                let newline = crate::edit::line_ending(text);
                m.out.edits.push(Edit::replace(
                    Span::new(at, at),
                    format!(
                        "{newline}from openai.types.responses import {}",
                        missing.join(", ")
                    ),
                ));
            }
            (None, false) => {
                return lost(
                    &m,
                    (
                        0,
                        "the test has no imports to add the `Response` classes to".into(),
                    ),
                )
            }
        }
    }
    TestStub::Migrate(m.out)
}
