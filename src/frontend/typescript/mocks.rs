//! Tests that stub the chat completions method: `vi.mock("openai", () => ({ default: class {
//! chat = { completions: { create: vi.fn() } } } }))`, `jest.spyOn(client.chat.completions,
//! "create")`, `client.chat.completions.create.mockResolvedValue(...)`,
//! `expect(client.chat.completions.create).toHaveBeenCalledWith(...)`, and fake clients
//! written as `{ chat: { completions: { create: vi.fn() } } }`.
//!
//! The stub is not a request, but the test changes with the code it tests: the file gets one
//! finding that says where and how often, and a module the test imports keeps its fix
//! displayed (see `project::Project::stubbed_by`).

use super::walk::{self, span_of};
use crate::edit::Edit;
use crate::model::Span;
use oxc_ast::ast::*;
use oxc_span::GetSpan;

/// What vitest and jest mocks read or set on a stubbed function.
const MOCK_MEMBERS: &[&str] = &[
    "mock",
    "mockResolvedValue",
    "mockResolvedValueOnce",
    "mockRejectedValue",
    "mockRejectedValueOnce",
    "mockReturnValue",
    "mockReturnValueOnce",
    "mockImplementation",
    "mockImplementationOnce",
    "mockClear",
    "mockReset",
    "mockRestore",
    // sinon
    "resolves",
    "returns",
    "calledWith",
    "calledOnceWith",
    "getCall",
    "firstCall",
    "args",
];

/// Functions that wrap a stubbed method for assertions or typing.
const WRAPPERS: &[&str] = &["expect", "mocked"];

/// `X.chat.completions.create` (through `beta.` too): the span of `chat.completions.create`.
fn chat_create_path(e: &Expression) -> Option<Span> {
    let Expression::StaticMemberExpression(create) = e else {
        return None;
    };
    let completions = completions_path(&create.object)?;
    (create.property.name.as_str() == "create")
        .then(|| Span::new(completions.start, create.property.span.end as usize))
}

/// `X.chat.completions`: the span of `chat.completions`.
fn completions_path(e: &Expression) -> Option<Span> {
    let Expression::StaticMemberExpression(completions) = e else {
        return None;
    };
    let Expression::StaticMemberExpression(chat) = &completions.object else {
        return None;
    };
    (completions.property.name.as_str() == "completions" && chat.property.name.as_str() == "chat")
        .then(|| {
            Span::new(
                chat.property.span.start as usize,
                completions.property.span.end as usize,
            )
        })
}

/// The last name of a callee: `spyOn` for `vi.spyOn` / `jest.spyOn` / `spyOn`.
fn callee_name<'a>(callee: &'a Expression<'a>) -> Option<&'a str> {
    match callee {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
        _ => None,
    }
}

/// The property `name` of an object literal, with its value.
fn property<'a, 'e>(o: &'e ObjectExpression<'a>, name: &str) -> Option<&'e ObjectProperty<'a>> {
    o.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p)
            if super::values::key_name(&p.key, p.computed).as_deref() == Some(name) =>
        {
            Some(&**p)
        }
        _ => None,
    })
}

/// `chat: { completions: { create: … } }` in an object literal: the `create` property.
fn fake_create<'a, 'e>(o: &'e ObjectExpression<'a>) -> Option<&'e ObjectProperty<'a>> {
    let chat = property(o, "chat")?;
    let Expression::ObjectExpression(chat) = super::values::unwrap(&chat.value) else {
        return None;
    };
    let completions = property(chat, "completions")?;
    let Expression::ObjectExpression(completions) = super::values::unwrap(&completions.value)
    else {
        return None;
    };
    property(completions, "create")
}

/// A mock function: `vi.fn(...)`, `jest.fn(...)`, `sinon.stub(...)`, `mock.fn(...)`, and
/// calls chained on one (`vi.fn().mockResolvedValue(...)`).
fn is_mock_function(e: &Expression) -> bool {
    let Expression::CallExpression(call) = super::values::unwrap(e) else {
        return false;
    };
    match &call.callee {
        Expression::StaticMemberExpression(m) => {
            matches!(
                (&m.object, m.property.name.as_str()),
                (Expression::Identifier(owner), "fn" | "stub")
                    if matches!(owner.name.as_str(), "vi" | "jest" | "sinon" | "mock")
            ) || is_mock_function(&m.object)
        }
        _ => false,
    }
}

#[derive(Default)]
struct Stubs {
    /// Each place, with the span to report and the path it stubs.
    found: Vec<(Span, Span)>,
    /// Inside the factory of `vi.mock("openai", …)`, where any `chat.completions.create`
    /// stands for the SDK's method.
    in_openai_factory: usize,
}

impl<'a> walk::Visitor<'a> for Stubs {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        match e {
            Expression::StaticMemberExpression(m)
                if MOCK_MEMBERS.contains(&m.property.name.as_str()) =>
            {
                if let Some(path) = chat_create_path(&m.object) {
                    self.found.push((span_of(m.span), path));
                }
            }
            Expression::CallExpression(call) => {
                let name = callee_name(&call.callee);
                let args: Vec<Option<&Expression>> =
                    call.arguments.iter().map(|a| a.as_expression()).collect();
                match (name, args.as_slice()) {
                    // `vi.spyOn(client.chat.completions, "create")`, `sinon.stub(…, "create")`.
                    (
                        Some("spyOn" | "stub" | "replace"),
                        [Some(owner), Some(Expression::StringLiteral(m)), ..],
                    ) if m.value.as_str() == "create" => {
                        if let Some(path) = completions_path(super::values::unwrap(owner)) {
                            self.found.push((span_of(call.span), path));
                        }
                    }
                    (Some(w), [Some(arg), ..]) if WRAPPERS.contains(&w) => {
                        if let Some(path) = chat_create_path(super::values::unwrap(arg)) {
                            self.found.push((span_of(call.span), path));
                        }
                    }
                    (
                        Some("mock" | "doMock" | "unstable_mockModule"),
                        [Some(Expression::StringLiteral(module)), Some(factory), ..],
                    ) if module.value.as_str() == "openai" => {
                        // The factory's fake client is the SDK as the code under test sees it.
                        self.in_openai_factory += 1;
                        walk::expression(self, factory);
                        self.in_openai_factory -= 1;
                        return false;
                    }
                    _ => {}
                }
            }
            Expression::ObjectExpression(o) => {
                if let Some(create) = fake_create(o) {
                    if self.in_openai_factory > 0 || is_mock_function(&create.value) {
                        let path = span_of(create.key.span());
                        self.found.push((span_of(o.span), path));
                    }
                }
            }
            _ => {}
        }
        true
    }

    fn class(&mut self, class: &'a Class<'a>) {
        // `vi.mock("openai", () => ({ default: class { chat = { completions: { create } } } }))`:
        // a fake client class whose field holds the method.
        if self.in_openai_factory == 0 {
            return;
        }
        for element in &class.body.body {
            let ClassElement::PropertyDefinition(p) = element else {
                continue;
            };
            let named_chat = super::values::key_name(&p.key, p.computed).as_deref() == Some("chat");
            if let (true, Some(Expression::ObjectExpression(chat))) =
                (named_chat, p.value.as_ref().map(super::values::unwrap))
            {
                if let Some(completions) = property(chat, "completions") {
                    if let Expression::ObjectExpression(c) =
                        super::values::unwrap(&completions.value)
                    {
                        if let Some(create) = property(c, "create") {
                            self.found
                                .push((span_of(p.span), span_of(create.key.span())));
                        }
                    }
                }
            }
        }
    }
}

/// The stubs of the chat completions method in a program, in source order: where each one
/// is and the path it stubs. Places nested in one another count once (the outermost).
pub fn chat_stubs(program: &Program) -> Vec<(Span, Span)> {
    let mut stubs = Stubs::default();
    walk::statements(&mut stubs, &program.body);
    let mut found = stubs.found;
    found.sort_by_key(|(at, _)| (at.start, std::cmp::Reverse(at.end)));
    let mut out: Vec<(Span, Span)> = Vec::new();
    for (at, path) in found {
        if out.last().is_some_and(|(outer, _)| outer.contains(at)) {
            continue;
        }
        out.push((at, path));
    }
    out
}

/// The module specifiers the program loads: imports (type-only ones too), re-exports,
/// `require(...)`, `import(...)` and the modules a test mocks (`vi.mock("./llm")`).
pub fn loaded_modules(program: &Program) -> Vec<String> {
    struct Loads(Vec<String>);
    impl<'a> walk::Visitor<'a> for Loads {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            match e {
                Expression::CallExpression(call) => {
                    let loads = matches!(
                        callee_name(&call.callee),
                        Some(
                            "require" | "mock" | "doMock" | "unstable_mockModule" | "importActual"
                        )
                    );
                    if let (true, Some(Expression::StringLiteral(s))) = (
                        loads,
                        call.arguments.first().and_then(|a| a.as_expression()),
                    ) {
                        self.0.push(s.value.as_str().to_string());
                    }
                }
                Expression::ImportExpression(i) => {
                    if let Expression::StringLiteral(s) = &i.source {
                        self.0.push(s.value.as_str().to_string());
                    }
                }
                _ => {}
            }
            true
        }
    }
    let mut loads = Loads(Vec::new());
    for stmt in &program.body {
        match stmt {
            Statement::ImportDeclaration(i) => loads.0.push(i.source.value.as_str().to_string()),
            Statement::ExportFromDeclaration(e) => {
                loads.0.push(e.source.value.as_str().to_string())
            }
            Statement::ExportAllDeclaration(e) => loads.0.push(e.source.value.as_str().to_string()),
            _ => {}
        }
    }
    walk::statements(&mut loads, &program.body);
    loads.0
}

/// Mock methods that hand back the mock and say nothing about the request.
const NEUTRAL: &[&str] = &[
    "mockClear",
    "mockReset",
    "mockRestore",
    "mockRejectedValue",
    "mockRejectedValueOnce",
];

/// Matchers on a spy that say nothing about the request.
const NEUTRAL_MATCHERS: &[&str] = &[
    "toHaveBeenCalled",
    "toHaveBeenCalledTimes",
    "toHaveBeenCalledOnce",
    "toBeCalled",
    "toBeCalledTimes",
];

/// Why the stub cannot move with the call, at a byte offset.
type Lost = (usize, String);

/// The spies of a test on the chat method of the module under test, and their uses.
struct Migration<'a, 'c> {
    text: &'a str,
    call: &'c crate::frontend::StubbedCall<'c>,
    index: super::scope::Index<'a>,
    /// The accepted `spyOn(...)` calls.
    spies: Vec<Span>,
    /// Names bound to a spy.
    names: Vec<String>,
    /// Identifier uses of those names that were understood, and every use.
    understood: Vec<usize>,
    seen: Vec<usize>,
    out: crate::frontend::StubEdits,
    lost: Option<Lost>,
}

impl<'a> Migration<'a, '_> {
    fn src(&self, s: Span) -> &'a str {
        &self.text[s.start..s.end]
    }

    fn lose(&mut self, at: usize, why: impl Into<String>) {
        self.lost.get_or_insert((at, why.into()));
    }

    /// Whether `e` is the client of the module under test: imported from it by its name, or
    /// a member of the module imported whole (`llm.client`).
    fn is_client(&self, e: &Expression) -> bool {
        let from_module = |module: &str| (self.call.is_own_module)(module, 0) == Some(true);
        match super::values::unwrap(e) {
            Expression::Identifier(id) => self.index.imports.iter().any(|i| {
                i.local == id.name.as_str()
                    && i.imported == self.call.client
                    && from_module(&i.module)
            }),
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == self.call.client
                    && matches!(&m.object, Expression::Identifier(ns) if self.index.imports.iter().any(|i| {
                        i.local == ns.name.as_str() && i.imported == "*" && from_module(&i.module)
                    }))
            }
            _ => false,
        }
    }

    /// Whether `e` is a spy: a name bound to one, an accepted `spyOn(...)`, or a mock method
    /// chained on one (`spyOn(...).mockResolvedValue(...)` hands back the spy).
    fn is_spy(&mut self, e: &Expression) -> bool {
        match super::values::unwrap(e) {
            Expression::Identifier(id) if self.names.iter().any(|n| n == id.name.as_str()) => {
                self.understood.push(span_of(id.span).start);
                true
            }
            Expression::CallExpression(c) => {
                if self.spies.contains(&span_of(c.span)) {
                    return true;
                }
                match &c.callee {
                    Expression::StaticMemberExpression(m)
                        if m.property.name.as_str().starts_with("mock") =>
                    {
                        self.is_spy(&m.object)
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// A fake reply: `{ choices: [{ message: { content: TEXT } }] }` (a cast around it kept)
    /// becomes `{ output_text: TEXT }` when everything that reads the result reads its text.
    fn fake(&mut self, e: &'a Expression<'a>) {
        let at = span_of(e.span()).start;
        let only = |o: &'a ObjectExpression<'a>,
                    key: &str,
                    allowed: &[(&str, &str)]|
         -> Option<&'a Expression<'a>> {
            let mut found = None;
            for p in &o.properties {
                let ObjectPropertyKind::ObjectProperty(p) = p else {
                    return None;
                };
                let name = super::values::key_name(&p.key, p.computed)?;
                if name == key {
                    found = Some(&p.value);
                } else if !allowed.iter().any(|(n, v)| {
                    *n == name && matches!(&p.value, Expression::StringLiteral(s) if s.value.as_str() == *v)
                }) {
                    return None;
                }
            }
            found
        };
        let object = |e: &'a Expression<'a>| match super::values::unwrap(e) {
            Expression::ObjectExpression(o) => Some(&**o),
            _ => None,
        };
        let outer = object(e);
        let content = outer
            .and_then(|o| only(o, "choices", &[]))
            .and_then(|c| match super::values::unwrap(c) {
                Expression::ArrayExpression(a) if a.elements.len() == 1 => {
                    a.elements[0].as_expression()
                }
                _ => None,
            })
            .and_then(object)
            .and_then(|c| only(c, "message", &[("finish_reason", "stop")]))
            .and_then(object)
            .and_then(|m| only(m, "content", &[("role", "assistant")]));
        let (Some(outer), Some(content)) = (outer, content) else {
            let shown: String = self
                .src(span_of(e.span()))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let shown = match shown.char_indices().nth(60) {
                Some((cut, _)) => format!("{} …", &shown[..cut]),
                None => shown,
            };
            return self.lose(
                at,
                format!("`{shown}` is not a fake responsify can rewrite as a Responses result"),
            );
        };
        if !self.call.text_only {
            return self.lose(at, "the code under test reads more of the result than its text, which this fake does not carry");
        }
        let text = format!("{{ output_text: {} }}", self.src(span_of(content.span())));
        self.out
            .edits
            .push(Edit::replace(span_of(outer.span), text));
    }
}

impl<'a> walk::Visitor<'a> for Migration<'a, '_> {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        match e {
            Expression::Identifier(id) if self.names.iter().any(|n| n == id.name.as_str()) => {
                self.seen.push(span_of(id.span).start);
            }
            Expression::CallExpression(call) => {
                let Expression::StaticMemberExpression(m) = &call.callee else {
                    return true;
                };
                let method = m.property.name.as_str();
                let first = call.arguments.first().and_then(|a| a.as_expression());
                match method {
                    "mockResolvedValue" | "mockResolvedValueOnce" if self.is_spy(&m.object) => {
                        match first {
                            Some(fake) => self.fake(fake),
                            None => {
                                self.lose(span_of(call.span).start, "the spy resolves to nothing")
                            }
                        }
                    }
                    _ if NEUTRAL.contains(&method) && self.is_spy(&m.object) => {}
                    // Any other method of the spy (`mockImplementation`, `mockReturnValue`)
                    // makes fakes or reads calls in ways responsify does not rewrite.
                    _ if self.is_spy(&m.object) => self.lose(
                        span_of(call.span).start,
                        format!("`{method}` on the spy is not something responsify rewrites"),
                    ),
                    "toHaveBeenCalledWith"
                    | "toBeCalledWith"
                    | "toHaveBeenLastCalledWith"
                    | "toHaveBeenNthCalledWith" => {
                        if let Some(spied) = expected_of(&m.object) {
                            if self.is_spy(spied) {
                                self.asserted(call, method == "toHaveBeenNthCalledWith");
                            }
                        }
                    }
                    _ if NEUTRAL_MATCHERS.contains(&method) => {
                        if let Some(spied) = expected_of(&m.object) {
                            self.is_spy(spied);
                        }
                    }
                    _ => {}
                }
            }
            // `spy.mock.calls[0][0].messages`: a key of a recorded request.
            Expression::StaticMemberExpression(key) => {
                if let Expression::ComputedMemberExpression(first) = &key.object {
                    if let Expression::ComputedMemberExpression(call) = &first.object {
                        if let Expression::StaticMemberExpression(calls) = &call.object {
                            if let Expression::StaticMemberExpression(mock) = &calls.object {
                                if calls.property.name.as_str() == "calls"
                                    && mock.property.name.as_str() == "mock"
                                    && matches!(&first.expression, Expression::NumericLiteral(n) if n.value == 0.0)
                                    && self.is_spy(&mock.object)
                                {
                                    self.out.keys.push((
                                        span_of(key.property.span),
                                        key.property.name.to_string(),
                                    ));
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        true
    }
}

impl<'a> Migration<'a, '_> {
    /// `expect(X).toHaveBeenCalledWith({ ... })`: the request asserted, as a unit.
    fn asserted(&mut self, call: &'a CallExpression<'a>, nth: bool) {
        let at = span_of(call.span);
        let args = if nth {
            &call.arguments[1.min(call.arguments.len())..]
        } else {
            &call.arguments[..]
        };
        if args.len() != 1 {
            return self.lose(at.start, "the spy is asserted with other than one request");
        }
        let scope = self.index.scope_at(at);
        let body = super::values::body_of(&self.index, scope, args.first(), at, self.text);
        if let Some(hidden) = body.hidden.first() {
            return self.lose(at.start, format!("the asserted request includes {hidden}"));
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
    }
}

/// `expect(X)` (also `expect(X).not`): `X`.
fn expected_of<'e, 'a>(e: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
    match e {
        Expression::CallExpression(c) if callee_name(&c.callee) == Some("expect") => {
            c.arguments.first().and_then(|a| a.as_expression())
        }
        Expression::StaticMemberExpression(m) if m.property.name.as_str() == "not" => {
            expected_of(&m.object)
        }
        _ => None,
    }
}

/// Spies on the chat method and the names bound to them, found before their uses.
struct Spies<'a> {
    calls: Vec<&'a CallExpression<'a>>,
    declarators: Vec<&'a VariableDeclarator<'a>>,
}

impl<'a> walk::Visitor<'a> for Spies<'a> {
    fn expr(&mut self, e: &'a Expression<'a>) -> bool {
        if let Expression::CallExpression(call) = e {
            let args: Vec<Option<&Expression>> =
                call.arguments.iter().map(|a| a.as_expression()).collect();
            if let (Some("spyOn"), [Some(owner), Some(Expression::StringLiteral(m)), ..]) =
                (callee_name(&call.callee), args.as_slice())
            {
                if m.value.as_str() == "create"
                    && completions_path(super::values::unwrap(owner)).is_some()
                {
                    self.calls.push(call);
                }
            }
        }
        true
    }

    fn declarator(&mut self, d: &'a VariableDeclarator<'a>) {
        self.declarators.push(d);
    }
}

/// How the test `program` (text `text`) stubs the chat method of the module `call`
/// describes, and how each use moves with the call: `vi.spyOn(client.chat.completions,
/// "create")` / `jest.spyOn(...)` on the module's client, its fakes and its asserted
/// requests. Every other stub of the chat method keeps sight lost.
pub fn migrate(
    program: &Program,
    text: &str,
    call: &crate::frontend::StubbedCall,
) -> crate::frontend::TestStub {
    use crate::frontend::TestStub;
    let line = |at: usize| 1 + text[..at].matches('\n').count();
    let lost = |(at, why): Lost| {
        TestStub::OutOfSight {
        line: line(at),
        why: format!("{why}; the test stubs `chat.completions.create` for this module and must move with the code"),
    }
    };
    let mut spies = Spies {
        calls: Vec::new(),
        declarators: Vec::new(),
    };
    walk::statements(&mut spies, &program.body);
    let mut m = Migration {
        text,
        call,
        index: super::scope::Index::build(program),
        spies: Vec::new(),
        names: Vec::new(),
        understood: Vec::new(),
        seen: Vec::new(),
        out: Default::default(),
        lost: None,
    };
    for spy in &spies.calls {
        let owner = spy.arguments[0].as_expression().map(super::values::unwrap);
        let Some(Expression::StaticMemberExpression(completions)) = owner else {
            continue;
        };
        let Expression::StaticMemberExpression(chat) = &completions.object else {
            continue;
        };
        if !m.is_client(&chat.object) {
            return lost((
                span_of(spy.span).start,
                format!(
                    "the spy is on `{}`, which responsify cannot tie to this module's `{}`",
                    m.src(span_of(completions.span)),
                    call.client
                ),
            ));
        }
        m.spies.push(span_of(spy.span));
        m.out.edits.push(Edit::replace(
            Span::new(
                chat.property.span.start as usize,
                completions.property.span.end as usize,
            ),
            "responses",
        ));
    }
    for d in &spies.declarators {
        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) else {
            continue;
        };
        if m.is_spy(init) {
            m.names.push(id.name.to_string());
        }
    }
    m.understood.clear();
    walk::statements(&mut m, &program.body);
    if let Some(l) = m.lost.take() {
        return lost(l);
    }
    if let Some(&at) = m.seen.iter().find(|at| !m.understood.contains(at)) {
        return lost((
            at,
            "the spy is used in a way responsify does not follow".into(),
        ));
    }
    // Every other place that names the chat method.
    for (at, _) in chat_stubs(program) {
        if !m.spies.iter().any(|s| s.contains(at)) {
            return lost((
                at.start,
                "the chat method is stubbed here in a way responsify does not migrate".into(),
            ));
        }
    }
    if m.spies.is_empty() {
        return TestStub::Unrelated;
    }
    TestStub::Migrate(m.out)
}
