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
