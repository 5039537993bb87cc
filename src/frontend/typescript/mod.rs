//! TypeScript and JavaScript: the `openai` npm package's chat completions calls, with the
//! code that reads their results.
//!
//! Parsed with oxc (one front end per source type, since `lift` sees only the text: `.ts`
//! `.mts` `.cts`, `.tsx`, `.js` `.mjs` `.jsx`, `.cjs`). A site is
//! `X.chat.completions.create / parse / stream / runTools` (also through `beta.`), whose
//! result may be read through `.withResponse()`; legacy v3 `createChatCompletion` and
//! Assistants API calls are reported. Each site's receiver is traced to the `new OpenAI(...)`
//! that built it before any rule runs (see `classify`), its first argument is followed to the
//! object literal that builds it (see `values`), and the uses of its result are followed
//! through variables and `for await` loops (see `reads`). The second argument (request
//! options) is left as it is.

mod arena;
mod batch;
mod callers;
mod classify;
mod fallback;
mod importers;
mod lower;
mod mocks;
mod raw;
mod reads;
mod scope;
mod shared;
mod values;
mod walk;

use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Endpoint, Hold, Kind, Request, SdkMethod, Site, Span, Unit, Value, Verdict};
use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_span::SourceType;
use scope::Index;
use walk::span_of;

/// One front end per oxc source type.
pub struct TypeScript {
    name: &'static str,
    source_type: fn() -> SourceType,
}

pub static TYPESCRIPT: TypeScript = TypeScript {
    name: "TypeScript",
    source_type: SourceType::ts,
};
pub static TSX: TypeScript = TypeScript {
    name: "TSX",
    source_type: SourceType::tsx,
};
/// ES modules, with JSX allowed (as bundlers read `.js`).
pub static JAVASCRIPT: TypeScript = TypeScript {
    name: "JavaScript",
    source_type: SourceType::jsx,
};
pub static COMMONJS: TypeScript = TypeScript {
    name: "JavaScript (CommonJS)",
    source_type: SourceType::cjs,
};

/// Lowering for every group of one text: the text is parsed again (lifting's tree is gone by
/// then) at most once, and only if some group needs the tree, with the look-ups over it
/// built once (see `lower::Derived`).
struct Session<'a> {
    text: &'a str,
    source_type: SourceType,
    allocator: &'a Allocator,
    tree: std::cell::OnceCell<Result<(&'a Program<'a>, lower::Derived<'a>), String>>,
    /// An empty program, for the groups that need no tree.
    empty: std::cell::OnceCell<Result<(&'a Program<'a>, lower::Derived<'a>), String>>,
    /// The text names a chat type or a zod helper, whose moves need the tree, or imports from
    /// the package's modules, whose names a fix may leave unused.
    names_types: std::cell::OnceCell<bool>,
}

impl super::Lowerer for Session<'_> {
    fn lower(&self, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        // The syntax tree is needed only to move types, imports and raw URLs; most fixes are
        // spelled from the model alone, so the common case skips the second parse.
        let names_types = || {
            *self.names_types.get_or_init(|| {
                [
                    "ChatCompletion",
                    "zodResponseFormat",
                    "zodFunction",
                    "openai/",
                ]
                .iter()
                .any(|name| self.text.contains(name))
            })
        };
        let needs_tree = units.iter().any(|u| matches!(u.request.site, Site::Body))
            || names_types()
            || changes.iter().any(|c| {
                matches!(
                    c,
                    Change::RewriteRead {
                        to: crate::diagnostic::ReadTarget::ExtendWithOutput { .. }
                            // A stream's usage is spelled by the `if` that tests it.
                            | crate::diagnostic::ReadTarget::StreamCompletedUsage,
                        ..
                    }
                )
            });
        // Without a tree, an empty program: nothing to look up.
        let (cell, source) = if needs_tree {
            (&self.tree, self.text)
        } else {
            (&self.empty, "")
        };
        let tree = cell.get_or_init(|| {
            let program = parse(self.allocator, source, self.source_type).map_err(|e| e.message)?;
            let program: &Program = self.allocator.alloc(program);
            Ok((program, lower::Derived::new(program)))
        });
        let (_, derived) = tree.as_ref().map_err(|e| e.clone())?;
        lower::Lowering::new(self.text, units, derived).lower(changes)
    }
}

/// Parse `text`; `Err` with the first syntax error.
fn parse<'a>(
    allocator: &'a Allocator,
    text: &'a str,
    source_type: SourceType,
) -> Result<Program<'a>, SyntaxError> {
    super::depth::guard_brackets(text)?;
    let parsed = oxc_parser::Parser::new(allocator, text, source_type).parse();
    if let Some(error) = parsed.diagnostics.errors().next() {
        let at = error.labels.first().map_or(0, |l| l.offset() as usize);
        return Err(SyntaxError::new(
            error.message.to_string(),
            Span::new(at, at),
        ));
    }
    if parsed.panicked {
        return Err(SyntaxError::new(
            "the parser gave up on this file",
            Span::new(0, 0),
        ));
    }
    Ok(parsed.program)
}

impl TypeScript {
    pub fn parses(&self, text: &str) -> bool {
        let allocator = arena::Arena::take();
        parse(&allocator, text, (self.source_type)()).is_ok()
    }
}

impl FrontEnd for TypeScript {
    fn name(&self) -> &'static str {
        self.name
    }

    fn triggers(&self) -> &'static [&'static str] {
        &[
            "completions",
            "createChatCompletion",
            "assistants",
            "threads",
            "responses",
        ]
    }

    fn follow_importer(
        &self,
        text: &str,
        target: &super::Target,
        result: crate::model::ResultShape,
    ) -> super::Importer {
        let allocator = arena::Arena::take();
        match parse(&allocator, text, (self.source_type)()) {
            Ok(program) => importers::follow(&program, text, target, result),
            Err(_) => super::Importer::out_of_sight(None, "the file does not parse"),
        }
    }

    fn shared_values(&self) -> Option<&dyn super::SharedValues> {
        Some(self)
    }

    fn batch_pieces(&self, text: &str) -> Option<super::BatchPieces> {
        let allocator = arena::Arena::take();
        let program = parse(&allocator, text, (self.source_type)()).ok()?;
        Some(batch::pieces(&program, text))
    }

    fn chat_stub(
        &self,
        text: &str,
        is_module: &dyn Fn(&str, u32) -> Option<bool>,
    ) -> Option<usize> {
        let allocator = arena::Arena::take();
        let program = parse(&allocator, text, (self.source_type)()).ok()?;
        // The line the test's own `chat-completions-mock` note points at.
        let (_, first) = *mocks::chat_stubs(&program).first()?;
        // The test must load the module (import it, mock it, require it): a path alias that
        // may be it counts, since holding a fix back is the safe side.
        mocks::loaded_modules(&program)
            .iter()
            .any(|m| is_module(m, 0) != Some(false))
            .then_some(first.start)
    }

    fn test_stub(&self, text: &str, call: &super::StubbedCall) -> super::TestStub {
        // Only a test that loads the module (or a module that loads it) tests it.
        let Some(at) = self.chat_stub(text, call.is_module) else {
            return super::TestStub::Unrelated;
        };
        let allocator = arena::Arena::take();
        let found = match parse(&allocator, text, (self.source_type)()) {
            Ok(program) => mocks::migrate(&program, text, call),
            Err(_) => super::TestStub::Unrelated,
        };
        match found {
            super::TestStub::Unrelated => super::TestStub::OutOfSight {
                line: 1 + text[..at].matches('\n').count(),
                why: "stubs `chat.completions.create` for this module: the test moves with the code (patch `responses.create`, return Responses results, assert on `input=`)".into(),
            },
            found => found,
        }
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let allocator = arena::Arena::take();
        let program = parse(&allocator, text, (self.source_type)())?;
        Ok(Lifted {
            units: lift_program(&program, text),
        })
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        let mut out = None;
        self.lowering(text, &mut |low| out = Some(low.lower(units, changes)));
        out.expect("lowering runs its closure")
    }

    fn lowering(&self, text: &str, run: &mut dyn FnMut(&dyn super::Lowerer)) {
        let allocator = arena::Arena::take();
        run(&Session {
            text,
            source_type: (self.source_type)(),
            allocator: &allocator,
            tree: Default::default(),
            empty: Default::default(),
            names_types: Default::default(),
        })
    }

    fn suppressions(&self, text: &str) -> Vec<crate::suppression::Suppression> {
        if !text.contains("responsify:") {
            return Vec::new();
        }
        let allocator = arena::Arena::take();
        let Ok(program) = parse(&allocator, text, (self.source_type)()) else {
            return Vec::new();
        };
        let lines = crate::edit::LineIndex::new(text);
        program
            .comments
            .iter()
            .filter_map(|c| {
                let at = span_of(c.span);
                let (line, _) = lines.line_col(text, at.start);
                let own_line = crate::edit::indentation_at(text, at.start).len()
                    == at.start - text[..at.start].rfind('\n').map_or(0, |i| i + 1);
                let body = text[at.start..at.end]
                    .trim_start_matches("/*")
                    .trim_end_matches("*/");
                crate::suppression::parse_comment(body, at, line, own_line)
            })
            .collect()
    }
}

impl TypeScript {
    /// Parse `text` with this front end's source type, or, since the file asked about may be
    /// of another kind than the module that asks (a `.tsx` page importing a `.ts` list), with
    /// the first other one that parses it.
    fn parse_any<'a>(&self, allocator: &'a Allocator, text: &'a str) -> Option<Program<'a>> {
        let own = (self.source_type)();
        [
            own,
            SourceType::ts(),
            SourceType::tsx(),
            SourceType::jsx(),
            SourceType::cjs(),
        ]
        .into_iter()
        .find_map(|st| parse(allocator, text, st).ok())
    }
}

/// The module specifiers a script loads (see `mocks::loaded_modules`), whatever its kind:
/// `None` when it parses as none of them.
pub fn loaded_modules(text: &str) -> Option<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let allocator = arena::Arena::take();
    let program = TYPESCRIPT.parse_any(&allocator, text)?;
    Some(mocks::loaded_modules(&program))
}

impl super::SharedValues for TypeScript {
    fn imported_binding(&self, text: &str, local: &str) -> Option<(String, u32, String)> {
        let allocator = arena::Arena::take();
        let program = parse(&allocator, text, (self.source_type)()).ok()?;
        shared::imported_binding(&program, local)
    }

    fn module_value(
        &self,
        text: &str,
        name: &str,
        key: &str,
    ) -> Result<(Value, Vec<crate::model::Container>), String> {
        let allocator = arena::Arena::take();
        let program = parse(&allocator, text, (self.source_type)())
            .map_err(|_| "its module does not parse".to_string())?;
        shared::module_value(&program, text, name, key)
    }

    fn value_users(
        &self,
        text: &str,
        target: &super::Target,
        key: &str,
    ) -> Result<usize, (Option<usize>, String)> {
        let allocator = arena::Arena::take();
        let program = self
            .parse_any(&allocator, text)
            .ok_or_else(|| (None, "the file does not parse".to_string()))?;
        shared::value_users(&program, text, target, key)
    }
}

/// The SDK method at the end of a chat completions path.
enum Method {
    Sdk(SdkMethod),
    RunTools,
}

/// A chat completions call, matched by its method path.
struct SiteMatch<'a> {
    call: &'a CallExpression<'a>,
    receiver: &'a Expression<'a>,
    method: Method,
    /// `chat.completions` (with `beta.` when present): what becomes `responses`.
    path: Span,
}

fn member<'a, 'e>(e: &'e Expression<'a>, names: &[&str]) -> Option<&'e StaticMemberExpression<'a>> {
    match e {
        Expression::StaticMemberExpression(m) if names.contains(&m.property.name.as_str()) => {
            Some(m)
        }
        _ => None,
    }
}

fn match_chat<'a>(call: &'a CallExpression<'a>) -> Option<SiteMatch<'a>> {
    match_chat_on(call, &call.callee)
}

/// `const create = client.chat.completions.create` (or `.bind(client)`), then
/// `create({...})`: the call, matched through the alias it is made with.
fn match_alias<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
) -> Option<(SiteMatch<'a>, String)> {
    let Expression::Identifier(id) = &call.callee else {
        return None;
    };
    let (_, declarator) = index.value_of(scope, id.name.as_str())?;
    let mut method = values::unwrap(declarator.init.as_ref()?);
    if let Expression::CallExpression(bind) = method {
        method = &member(&bind.callee, &["bind"])?.object;
    }
    let site = match_chat_on(call, method)?;
    Some((site, id.name.as_str().to_string()))
}

fn match_chat_on<'a>(
    call: &'a CallExpression<'a>,
    callee: &'a Expression<'a>,
) -> Option<SiteMatch<'a>> {
    let method = member(callee, &["create", "parse", "stream", "runTools"])?;
    let completions = member(&method.object, &["completions"])?;
    let chat = member(&completions.object, &["chat"])?;
    let (start, receiver) = match member(&chat.object, &["beta"]) {
        Some(beta) => (beta.property.span.start, &beta.object),
        None => (chat.property.span.start, &chat.object),
    };
    Some(SiteMatch {
        call,
        receiver,
        method: match method.property.name.as_str() {
            "parse" => Method::Sdk(SdkMethod::Parse),
            "stream" => Method::Sdk(SdkMethod::Stream),
            "runTools" => Method::RunTools,
            _ => Method::Sdk(SdkMethod::Create),
        },
        path: Span::new(start as usize, completions.property.span.end as usize),
    })
}

/// `X.responses.create / parse / stream(...)`: already the Responses API.
fn match_responses<'a>(call: &'a CallExpression<'a>) -> Option<SiteMatch<'a>> {
    let method = member(&call.callee, &["create", "parse", "stream"])?;
    let responses = member(&method.object, &["responses"])?;
    let receiver = match member(&responses.object, &["beta"]) {
        Some(beta) => &beta.object,
        None => &responses.object,
    };
    Some(SiteMatch {
        call,
        receiver,
        method: match method.property.name.as_str() {
            "parse" => Method::Sdk(SdkMethod::Parse),
            "stream" => Method::Sdk(SdkMethod::Stream),
            _ => Method::Sdk(SdkMethod::Create),
        },
        path: Span::new(
            responses.property.span.start as usize,
            responses.property.span.end as usize,
        ),
    })
}

/// `openai.createChatCompletion(...)` of the v3 SDK (`new OpenAIApi(configuration)`).
fn match_legacy(index: &Index, call: &CallExpression) -> Option<Span> {
    let method = member(&call.callee, &["createChatCompletion"])?;
    let v3 = index.imports.iter().any(|i| {
        i.module == "openai" && matches!(i.imported.as_str(), "OpenAIApi" | "Configuration")
    }) || index.required.iter().any(|(_, m)| m == "openai");
    v3.then(|| {
        Span::new(
            method.property.span.start as usize,
            method.property.span.end as usize,
        )
    })
}

/// `X.beta.assistants.*` / `X.beta.threads.*` calls.
fn match_assistants(call: &CallExpression) -> Option<Span> {
    let mut at = &call.callee;
    while let Expression::StaticMemberExpression(m) = at {
        if matches!(m.property.name.as_str(), "assistants" | "threads") {
            if let Some(beta) = member(&m.object, &["beta"]) {
                return Some(Span::new(
                    beta.property.span.start as usize,
                    m.property.span.end as usize,
                ));
            }
        }
        at = &m.object;
    }
    None
}

fn lift_program(program: &Program, text: &str) -> Vec<Unit> {
    let index = Index::build(program);
    let mut units = Vec::new();
    let mut shared: Vec<Vec<Span>> = Vec::new();
    // URL literals that a raw request found here reads.
    let mut carried: Vec<Span> = Vec::new();
    // A Batch pipeline written here: its lines, and the `endpoint` texts of the batches they
    // are created with (see `batch`).
    let batch_lines = if text.contains("body") && text.contains("chat/completions") {
        batch::lines(&index)
    } else {
        Vec::new()
    };
    let mut creations: Vec<Option<Span>> = Vec::new();
    for &(call, scope) in &index.calls {
        let call_span = span_of(call.span);
        if let Some(site) = match_chat(call) {
            let (unit, spans) = chat_unit(&index, scope, &site, text);
            units.push(unit);
            shared.push(spans);
        } else if let Some((site, alias)) = match_alias(&index, scope, call) {
            // The method is called through a name of its own: the call and the alias
            // would have to change together, and other code may call the alias too.
            let (mut unit, spans) = chat_unit(&index, scope, &site, text);
            unit.unfixable.push(format!(
                "the method is called through the alias `{alias}`; rewrite the alias and its calls together"
            ));
            units.push(unit);
            shared.push(spans);
        } else if let Some(site) = match_responses(call) {
            units.push(responses_unit(&index, scope, &site, text));
            shared.push(Vec::new());
        } else if let Some(site) = raw::match_raw(&index, scope, call) {
            carried.extend(site.literal.map(|(at, _)| at));
            let (unit, spans) = raw_unit(&index, scope, call, site, text);
            units.push(unit);
            shared.push(spans);
        } else if let Some(site) = raw::match_raw_responses(&index, scope, call) {
            units.push(raw_responses_unit(&index, scope, call, site, text));
            shared.push(Vec::new());
        } else if let Some(path) = match_legacy(&index, call) {
            units.push(flagged(
                call_span,
                path,
                Endpoint::ChatCompletions,
                Hold::LegacySdk,
                "`createChatCompletion` is the openai v3 (`OpenAIApi`) API; upgrade to v4+ \
                 (`new OpenAI().chat.completions.create`, `res.data.choices` → `res.choices`)"
                    .into(),
            ));
            shared.push(Vec::new());
        } else if let Some((receiver, path)) = match_stored(call) {
            units.push(held_call(
                &index,
                scope,
                receiver,
                (call_span, path),
                Hold::StoredCompletions,
                crate::classify::stored_completions_reason(&text[path.start..path.end]),
                text,
            ));
            shared.push(Vec::new());
        } else if let Some((receiver, path)) = match_chat_batch(&index, scope, call) {
            if !batch_lines.is_empty() {
                // Moves with the lines this file writes.
                let endpoint = batch_endpoint_path(call, text);
                carried.extend(endpoint);
                creations.push(endpoint);
                continue;
            }
            let mut unit = held_call(
                &index,
                scope,
                receiver,
                (call_span, path),
                Hold::BatchChatEndpoint,
                "the batch is created for \"/v1/chat/completions\"".into(),
                text,
            );
            // What the client says, and the endpoint's text, for when the run brings the
            // rest of the pipeline into view (see `project::Project::batch_pipeline`).
            let judged = classify::trace(&index, scope, receiver, text);
            if matches!(judged.verdict, Verdict::Migrate) {
                let mut scratch = unit.clone();
                judged.apply_to(&mut scratch);
                unit.unseen = scratch.unseen;
                unit.caveats = scratch.caveats;
            }
            unit.batch = Some(crate::model::BatchRole::Creation {
                endpoint: batch_endpoint_path(call, text),
            });
            units.push(unit);
            shared.push(Vec::new());
        } else if let Some(path) = match_assistants(call) {
            units.push(flagged(
                call_span,
                path,
                Endpoint::Assistants,
                Hold::AssistantsApi,
                format!(
                    "`{}` is the Assistants API, shut down on 2026-08-26",
                    &text[path.start..path.end]
                ),
            ));
            shared.push(Vec::new());
        }
    }
    if !batch_lines.is_empty() {
        let output = batch::output_reads(&index, text);
        for (unit, spans) in batch::units(&index, &batch_lines, &creations, output.as_ref(), text) {
            units.push(unit);
            shared.push(spans);
        }
    }
    let stubs = mocks::chat_stubs(program);
    if let Some(&(first, path)) = stubs.first() {
        units.push(flagged(
            first,
            path,
            Endpoint::ChatCompletions,
            Hold::ChatCompletionsMock,
            crate::classify::chat_stub_reason(stubs.len()),
        ));
        shared.push(Vec::new());
    }
    // Strings naming the chat endpoint that no request here carries are reported.
    let urls = chat_urls(program);
    if let Some(&first) = urls.mocked.iter().min_by_key(|at| at.start) {
        units.push(Unit::named_endpoint(
            first,
            Verdict::hold(
                Hold::ChatCompletionsMock,
                crate::classify::http_mock_reason(urls.mocked.len()),
            ),
        ));
        shared.push(Vec::new());
    }
    for (url, at) in urls.called {
        let in_unit = units.iter().any(|u| u.request.span.contains(at));
        if !in_unit && !carried.iter().any(|c| at.contains(*c)) {
            units.push(Unit::named_endpoint(
                at,
                crate::classify::judge_chat_url(&url),
            ));
            shared.push(Vec::new());
        }
    }
    attach_item_ids(&mut units);
    group(&mut units, &shared);
    units
}

/// An output item's `id` quoted as a tool result's `call_id` is found among the reads of
/// the request whose result the item came from, but the tool result may be in the input of
/// another request (the next turn): the read goes with every request whose input quotes it.
fn attach_item_ids(units: &mut [Unit]) {
    let ids: Vec<crate::model::Read> = units
        .iter()
        .filter(|u| u.request.endpoint == Endpoint::Responses)
        .flat_map(|u| &u.reads)
        .filter(|r| r.kind == crate::model::ReadKind::OutputItemId)
        .cloned()
        .collect();
    if ids.is_empty() {
        return;
    }
    for unit in units
        .iter_mut()
        .filter(|u| u.request.endpoint == Endpoint::Responses)
    {
        let quoted: Vec<Span> = unit
            .request
            .body
            .get("input")
            .and_then(Value::as_list)
            .unwrap_or(&[])
            .iter()
            .filter(|item| {
                matches!(
                    item.get("type").and_then(Value::as_str),
                    Some("function_call_output" | "custom_tool_call_output")
                )
            })
            .filter_map(|item| item.get("call_id").and_then(|v| v.span))
            .collect();
        for read in &ids {
            let quotes = quoted
                .iter()
                .any(|v| v.start == read.span.start && v.contains(read.span));
            if quotes && !unit.reads.contains(read) {
                unit.reads.push(read.clone());
            }
        }
        unit.reads.sort_by_key(|r| (r.span.start, r.span.end));
    }
}

/// String literals and templates in code that are a URL or path ending at the chat
/// endpoint (`https://…/v1/chat/completions`, `/chat/completions`, `${base}/chat/completions`),
/// not prose that mentions it. A template's substitutions read as `{}`. A path written
/// beside its own base URL in one object (`{ base: "https://api.groq.com/openai", chatPath:
/// "/v1/chat/completions" }`) is an entry of a provider table, whose servers are the
/// table's business: it is left alone. A URL an HTTP mock answers (see [`is_http_mock`])
/// is a test's stand-in for the endpoint, kept apart.
fn chat_urls(program: &Program) -> ChatUrls {
    struct Urls {
        found: Vec<(String, Span)>,
        paired: Vec<Span>,
        /// The calls that register an HTTP mock, by span: the URLs inside are mocked.
        mocks: Vec<Span>,
    }
    impl<'a> walk::Visitor<'a> for Urls {
        fn stmt(&mut self, s: &'a Statement<'a>) {
            // `switch (path) { case "/v1/chat/completions": ... }`: a server routing the
            // path it serves.
            if let Statement::SwitchStatement(switch) = s {
                for case in &switch.cases {
                    if let Some(Expression::StringLiteral(path)) = &case.test {
                        self.paired.push(span_of(path.span));
                    }
                }
            }
        }
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            // `app.post("/v1/chat/completions", async (req, res) => ...)`: a route this code
            // serves (an OpenAI-compatible server or proxy), not a request it sends.
            if let Expression::CallExpression(call) = e {
                if is_http_mock(call) {
                    self.mocks.push(span_of(call.span));
                }
                if let Some(path) = served_route(call) {
                    self.paired.push(path);
                }
                // `fetch("https://api.groq.com/openai/v1/batches", { body: ... })`: the paths
                // a request to another server names are that server's.
                if let Some(Expression::StringLiteral(url)) =
                    call.arguments.first().and_then(|a| a.as_expression())
                {
                    let url = url.value.as_str();
                    if url.contains("://")
                        && crate::classify::url_kind(url) == crate::classify::UrlKind::Other
                    {
                        return false;
                    }
                }
            }
            if let Expression::ObjectExpression(o) = e {
                let values = o.properties.iter().filter_map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(p) => match &p.value {
                        Expression::StringLiteral(s) => Some(s),
                        _ => None,
                    },
                    _ => None,
                });
                if values.clone().any(|s| s.value.as_str().contains("://")) {
                    self.paired.extend(
                        values
                            .filter(|s| !s.value.as_str().contains("://"))
                            .map(|s| span_of(s.span)),
                    );
                }
            }
            let found = match e {
                Expression::StringLiteral(s) => Some((s.value.as_str().to_string(), s.span)),
                Expression::TemplateLiteral(t) => {
                    let mut out = String::new();
                    for (i, quasi) in t.quasis.iter().enumerate() {
                        out.push_str(quasi.value.cooked.as_ref().map_or("", |c| c.as_str()));
                        if i < t.expressions.len() {
                            out.push_str("{}");
                        }
                    }
                    Some((out, t.span))
                }
                _ => None,
            };
            if let Some((value, at)) = found {
                if crate::classify::names_chat_endpoint(&value)
                    && !self.paired.contains(&span_of(at))
                {
                    self.found.push((value, span_of(at)));
                }
            }
            true
        }
    }
    let mut urls = Urls {
        found: Vec::new(),
        paired: Vec::new(),
        mocks: Vec::new(),
    };
    walk::statements(&mut urls, &program.body);
    let (mocked, called): (Vec<_>, Vec<_>) = urls
        .found
        .into_iter()
        .partition(|(_, at)| urls.mocks.iter().any(|m| m.contains(*at)));
    ChatUrls {
        called,
        mocked: mocked.into_iter().map(|(_, at)| at).collect(),
    }
}

/// The Chat Completions URLs of a program: those it calls, and those its HTTP mocks answer.
struct ChatUrls {
    called: Vec<(String, Span)>,
    mocked: Vec<Span>,
}

/// A call that registers an HTTP mock's answer: a method of a chain that starts at `nock(…)`
/// (`nock("https://api.openai.com").post("/v1/chat/completions")`), of a mocking object named
/// for it (`fetchMock.post(url, …)`), or an msw handler for a full URL (`http.post(url, () =>
/// …)`).
fn is_http_mock(call: &CallExpression) -> bool {
    let Expression::StaticMemberExpression(method) = &call.callee else {
        return false;
    };
    let mut root = &method.object;
    loop {
        match root {
            Expression::CallExpression(inner) => match &inner.callee {
                Expression::StaticMemberExpression(m) => root = &m.object,
                callee => {
                    root = callee;
                    break;
                }
            },
            Expression::StaticMemberExpression(m) => root = &m.object,
            _ => break,
        }
    }
    let Expression::Identifier(name) = root else {
        return false;
    };
    let name = name.name.as_str();
    if name == "nock" || name.to_ascii_lowercase().contains("mock") {
        return true;
    }
    // msw: `http.post("https://api.openai.com/v1/chat/completions", resolver)`.
    let handled = call.arguments.iter().skip(1).any(|a| {
        matches!(
            a.as_expression(),
            Some(Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_))
        )
    });
    let full_url = matches!(
        call.arguments.first().and_then(|a| a.as_expression()),
        Some(Expression::StringLiteral(url)) if url.value.contains("://")
    );
    matches!(name, "http" | "rest") && std::ptr::eq(root, &method.object) && handled && full_url
}

/// The path of a route registration (`app.post("/v1/chat/completions", handler)` in Express,
/// Hono, Fastify and the like): a path literal first, then a function that handles it.
fn served_route(call: &CallExpression) -> Option<Span> {
    let Expression::StaticMemberExpression(m) = &call.callee else {
        return None;
    };
    if !matches!(
        m.property.name.as_str(),
        "get" | "post" | "put" | "patch" | "all" | "use" | "route" | "on"
    ) {
        return None;
    }
    let Some(Expression::StringLiteral(path)) = call.arguments.first()?.as_expression() else {
        return None;
    };
    let handled = call.arguments.iter().skip(1).any(|a| {
        matches!(
            a.as_expression(),
            Some(Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_))
        )
    });
    (path.value.starts_with('/') && handled).then(|| span_of(path.span))
}

/// `X.chat.completions.list / retrieve / update / delete(...)` and
/// `X.chat.completions.messages.list(...)`: the receiver and the method path.
fn match_stored<'a>(call: &'a CallExpression<'a>) -> Option<(&'a Expression<'a>, Span)> {
    let method = member(&call.callee, &["list", "retrieve", "update", "delete"])?;
    let completions = match member(&method.object, &["messages"]) {
        Some(messages) if method.property.name.as_str() == "list" => {
            member(&messages.object, &["completions"])?
        }
        Some(_) => return None,
        None => member(&method.object, &["completions"])?,
    };
    let chat = member(&completions.object, &["chat"])?;
    let path = Span::new(
        chat.property.span.start as usize,
        method.property.span.end as usize,
    );
    Some((&chat.object, path))
}

/// The `chat/completions` text of the `endpoint` literal of a `batches.create({...})` call.
fn batch_endpoint_path(call: &CallExpression, text: &str) -> Option<Span> {
    let Some(Expression::ObjectExpression(options)) = call
        .arguments
        .first()
        .and_then(|a| a.as_expression())
        .map(values::unwrap)
    else {
        return None;
    };
    options.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p)
            if p.key.static_name().as_deref() == Some("endpoint") =>
        {
            let Expression::StringLiteral(s) = &p.value else {
                return None;
            };
            let literal = span_of(s.span);
            let at = text[literal.start..literal.end].find("chat/completions")?;
            let start = literal.start + at;
            Some(Span::new(start, start + "chat/completions".len()))
        }
        _ => None,
    })
}

/// `X.batches.create({ endpoint: "/v1/chat/completions", ... })`: the receiver and the
/// method path. The endpoint must be readable (a literal or a `const`) and the chat one.
fn match_chat_batch<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
) -> Option<(&'a Expression<'a>, Span)> {
    let method = member(&call.callee, &["create"])?;
    let batches = member(&method.object, &["batches"])?;
    let Some(Expression::ObjectExpression(options)) = call
        .arguments
        .first()
        .and_then(|a| a.as_expression())
        .map(values::unwrap)
    else {
        return None;
    };
    let endpoint = options.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p)
            if p.key.static_name().as_deref() == Some("endpoint") =>
        {
            classify::string_value(index, scope, &p.value)
        }
        _ => None,
    })?;
    let chat = endpoint.trim_end_matches('/') == "/v1/chat/completions";
    chat.then(|| {
        (
            &batches.object,
            Span::new(
                batches.property.span.start as usize,
                method.property.span.end as usize,
            ),
        )
    })
}

/// A call held back for `kind` when its client is OpenAI's (`Judged::held_for`); a client that is not (another
/// library, another server) keeps its own verdict.
fn held_call(
    index: &Index,
    scope: usize,
    receiver: &Expression,
    (call, path): (Span, Span),
    kind: Hold,
    reason: String,
    text: &str,
) -> Unit {
    let mut unit = flagged(call, path, Endpoint::ChatCompletions, kind, String::new());
    unit.verdict = classify::trace(index, scope, receiver, text).held_for(kind, reason);
    unit
}

fn flagged(call: Span, path: Span, endpoint: Endpoint, kind: Hold, reason: String) -> Unit {
    Unit::new(
        Request {
            endpoint,
            site: Site::SdkCall {
                method: path,
                kind: SdkMethod::Create,
            },
            span: call,
            body: Value::map(Vec::<(String, Value)>::new()),
            hidden_keys: true,
        },
        Verdict::hold(kind, reason),
    )
}

fn chat_unit(index: &Index, scope: usize, site: &SiteMatch, text: &str) -> (Unit, Vec<Span>) {
    let call_span = span_of(site.call.span);
    let mut client = classify::trace(index, scope, site.receiver, text);
    if matches!(site.method, Method::RunTools) && client.verdict == Verdict::Migrate {
        client.verdict = Verdict::hold(
            Hold::RunTools,
            "`runTools` runs the tool loop for Chat Completions and has no Responses twin",
        );
    }
    let body = values::body(index, scope, site.call, text);
    if let Some(entries) = body.value.entries() {
        client = client.for_call(entries.iter().map(|e| e.key.as_str()));
    }
    let stream = matches!(
        body.value.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    );
    let kind = match site.method {
        Method::Sdk(kind) => kind,
        Method::RunTools => SdkMethod::Create,
    };
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::ChatCompletions,
            site: Site::SdkCall {
                method: site.path,
                kind,
            },
            span: call_span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        Verdict::Migrate,
    );
    unit.containers = body.containers;
    client.apply_to(&mut unit);
    for hidden in body.hidden {
        unit.unfixable.push(format!(
            "the request's parameters include {hidden}, which responsify cannot see"
        ));
    }
    if site.call.arguments.len() > 2 {
        unit.unfixable
            .push("the call has more arguments than a request and its options".into());
    }
    unit.unseen.extend(body.unseen);

    // `function ask(stream: true): …; function ask(stream?: false): …; function ask(stream?:
    // boolean) { return create({ …, stream }) }`: the overloads tell the callers which.
    let overloaded = overloaded_stream(index, scope, unit.request.body.get("stream"), text);
    if let Some(v) = unit.request.body.get("stream") {
        if !matches!(v.kind, Kind::Bool(_)) && !overloaded {
            unit.unfixable.push(
                "`stream` is not a literal, so responsify cannot tell how the result is read"
                    .into(),
            );
        }
    }
    // The `stream()` helper iterates chunks like a streamed `create`; its events (`.on(...)`)
    // and `finalContent()` are reported by `unmapped-read`.
    let first = if overloaded {
        reads::Shape::Either
    } else if stream || kind == SdkMethod::Stream {
        reads::Shape::Stream
    } else {
        reads::Shape::Completion
    };
    let (statements, expression_body): (&[Statement], Option<&Expression>) =
        match index.scopes[scope].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body, None),
        };
    if index.scopes[scope].function.is_some() {
        unit.responses_branch = fallback::responses_branch_before(statements, call_span, text);
    }
    let uses = reads::analyze(statements, expression_body, call_span, first, text);
    unit.reads = uses.reads;
    unit.unseen.extend(uses.unseen);
    unit.unfixable.extend(uses.unfixable);
    // A list that receives the reply gets output items once the fix pushes them: nothing
    // else may read it as chat messages.
    for read in &unit.reads {
        if let crate::model::ReadKind::AppendReply { list } = read.kind {
            let written = &text[list.start..list.end];
            if values::is_identifier(written) {
                unit.unseen.extend(values::list_readers(
                    index,
                    index.scope_at(read.span),
                    written,
                    text,
                    "which gets the reply's output items instead of a chat message (a reasoning item has no `role`, a message's `content` is a list of parts)",
                ));
            } else {
                unit.unseen.push(format!(
                    "the reply is pushed onto `{written}`, whose readers responsify does not follow (they would get output items instead of a chat message)"
                ));
            }
        }
    }
    unit.unseen.dedup();
    if let Some(shape) = uses.returned {
        callers::follow(index, scope, shape, &mut unit, text);
    }
    (unit, body.shared)
}

/// Is `stream` a parameter of the enclosing top-level function, which has no overload
/// signatures or has those that switch the result on it (see `callers::stream_overloads`)?
fn overloaded_stream(index: &Index, scope: usize, stream: Option<&Value>, text: &str) -> bool {
    let Some(walk::FunctionRef::Function(f)) = index.scopes[scope].function else {
        return false;
    };
    let (Some(id), Some(at)) = (f.id.as_ref(), stream.and_then(|v| v.span)) else {
        return false;
    };
    let written = &text[at.start..at.end];
    let position = f.params.items.iter().position(|p| {
        p.pattern
            .get_binding_identifier()
            .is_some_and(|b| b.name.as_str() == written)
    });
    // Without overloads the function's result is a stream or a completion at every call,
    // which its callers tell apart with `instanceof Stream`.
    let name = id.name.as_str();
    position.is_some()
        && index.scopes[scope].parent == Some(0)
        && (callers::stream_overloads(index.program, name, text) == position
            || !callers::has_signatures(index.program, name))
}

/// A call that already uses the Responses API, lifted like a chat call so that rules can
/// check it; its reads are only the Chat-shaped ones (`.choices[0].message.content`,
/// `usage.prompt_tokens`, `chunk.choices` in a stream loop), which cannot work on it.
fn responses_unit(index: &Index, scope: usize, site: &SiteMatch, text: &str) -> Unit {
    let call_span = span_of(site.call.span);
    // Fixing residue leaves the result's type as it is: only where the client sends the
    // request matters, not what responsify could not follow.
    let verdict = classify::trace(index, scope, site.receiver, text).verdict;
    let body = values::body(index, scope, site.call, text);
    let stream = matches!(
        body.value.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    );
    let kind = match site.method {
        Method::Sdk(kind) => kind,
        Method::RunTools => SdkMethod::Create,
    };
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::Responses,
            site: Site::SdkCall {
                method: site.path,
                kind,
            },
            span: call_span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        verdict,
    );
    unit.containers = body.containers;
    let first = if stream || kind == SdkMethod::Stream {
        reads::Shape::ResponseStream
    } else {
        reads::Shape::Response
    };
    let (statements, expression_body): (&[Statement], Option<&Expression>) =
        match index.scopes[scope].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body, None),
        };
    unit.reads = reads::analyze(statements, expression_body, call_span, first, text).reads;
    unit
}

/// A raw HTTP request to a Chat Completions URL. Everything responsify cannot see makes it
/// display-only: the rewrite is offered only when the whole exchange is in view.
fn raw_unit<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
    site: raw::RawSite<'a>,
    text: &str,
) -> (Unit, Vec<Span>) {
    let call_span = span_of(call.span);
    let (verdict, host) = crate::classify::judge_http_request(&site.url);
    let body = values::body_of(index, scope, site.body, call_span, text);
    let stream = matches!(
        body.value.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    );
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::ChatCompletions,
            site: Site::Body,
            span: call_span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        verdict,
    );
    unit.containers = body.containers;
    if unit.verdict.holds_for(Hold::OtherServer) {
        unit.base_url = host;
    }
    if site.body.is_none() {
        unit.unfixable
            .push("the request body is not a JSON.stringify of an object".into());
    }
    for hidden in body.hidden {
        unit.unfixable.push(format!(
            "the request's body includes {hidden}, which responsify cannot see"
        ));
    }
    match site.literal {
        None => unit
            .unfixable
            .push("the URL has no literal responsify could rewrite".into()),
        Some((_, true)) => unit.unfixable.push(
            "the URL comes from a constant other code uses too; responsify does not rewrite it"
                .into(),
        ),
        Some(_) => {}
    }
    if stream {
        unit.unfixable.push(
            "the hand-written stream parsing reads Chat Completions chunks, not Responses events"
                .into(),
        );
    }
    let first = match site.http {
        raw::Http::Fetch => reads::Shape::FetchResponse,
        raw::Http::Axios => reads::Shape::AxiosResponse,
    };
    let (statements, expression_body): (&[Statement], Option<&Expression>) =
        match index.scopes[scope].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body, None),
        };
    let uses = reads::analyze(statements, expression_body, call_span, first, text);
    unit.reads = uses.reads;
    // Raw JSON is migrated only when every use of it is in view.
    if uses.returned.is_some() {
        unit.unfixable
            .push("the result is returned to the caller".into());
    }
    unit.unfixable.extend(body.unseen);
    unit.unfixable.extend(uses.unseen);
    unit.unfixable.extend(uses.unfixable);
    (unit, body.shared)
}

/// A raw HTTP request to a Responses URL, lifted like an SDK call on the Responses API: its
/// reads are the ones of the reply that cannot work on it (Chat Completions shapes, the first
/// output item taken for the reply).
fn raw_responses_unit<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
    site: raw::RawSite<'a>,
    text: &str,
) -> Unit {
    let call_span = span_of(call.span);
    let (verdict, _) = crate::classify::judge_http_request(&site.url);
    let body = values::body_of(index, scope, site.body, call_span, text);
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::Responses,
            site: Site::Body,
            span: call_span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        verdict,
    );
    unit.containers = body.containers;
    let first = match site.http {
        raw::Http::Fetch => reads::Shape::ResponsesFetch,
        raw::Http::Axios => reads::Shape::ResponsesAxios,
    };
    let (statements, expression_body): (&[Statement], Option<&Expression>) =
        match index.scopes[scope].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body, None),
        };
    unit.reads = reads::analyze(statements, expression_body, call_span, first, text).reads;
    unit
}

/// Units that share source (a message list, a params object) get one group.
fn group(units: &mut [Unit], shared: &[Vec<Span>]) {
    let mut groups: Vec<Option<usize>> = units.iter().map(|u| u.group).collect();
    super::share_groups(&mut groups, shared);
    for ((unit, g), spans) in units.iter_mut().zip(groups).zip(shared) {
        unit.group = g;
        if g.is_some() {
            unit.shared_spans.clone_from(spans);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_is_reported_not_panicked_on() {
        let err = TYPESCRIPT
            .lift("const x = client.chat.completions.create({ model: 'm', \n")
            .unwrap_err();
        assert!(!err.message.is_empty());
    }

    #[test]
    fn each_source_type_parses_its_own_syntax() {
        let tsx =
            "const a = <p>{client.chat.completions.create({ model: 'm', messages: [] })}</p>;";
        assert_eq!(TSX.lift(tsx).unwrap().units.len(), 1);
        assert!(TYPESCRIPT.lift(tsx).is_err(), "JSX is not TypeScript");
        let typed = "const r = await client.chat.completions.create(<any>{ model: 'm' });";
        assert_eq!(TYPESCRIPT.lift(typed).unwrap().units.len(), 1);
        let cjs = "const OpenAI = require('openai');\nmodule.exports = new OpenAI().chat.completions.create({ model: 'm', messages: [] });";
        assert_eq!(COMMONJS.lift(cjs).unwrap().units.len(), 1);
    }

    #[test]
    fn responses_calls_are_lifted_with_only_their_chat_shaped_reads() {
        let text = r#"import OpenAI from "openai";
const client = new OpenAI();
const r = await client.responses.create({ model: "m", input: "hi" });
console.log(r.output_text, r.usage?.input_tokens, r.id);
console.log(r.choices[0].message.content, r.usage?.prompt_tokens);
export { r };
const s = await client.responses.create({ model: "m", input: "hi", stream: true });
for await (const event of s) {
  if (event.type === "response.output_text.delta") console.log(event.delta);
  console.log(event.choices[0]?.delta?.content);
}
"#;
        let units = TYPESCRIPT.lift(text).unwrap().units;
        assert_eq!(units.len(), 2);
        assert!(units
            .iter()
            .all(|u| u.request.endpoint == Endpoint::Responses));
        assert!(units.iter().all(|u| u.unseen.is_empty()));
        let kinds: Vec<_> = units[0].reads.iter().map(|r| r.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                crate::model::ReadKind::Content,
                crate::model::ReadKind::UsageField("prompt_tokens".into())
            ]
        );
        let stream: Vec<_> = units[1].reads.iter().map(|r| r.kind.clone()).collect();
        assert_eq!(
            stream,
            [crate::model::ReadKind::StreamText { guarded: false }]
        );
        let Site::SdkCall { method, .. } = units[0].request.site else {
            panic!("an SDK call")
        };
        assert_eq!(&text[method.start..method.end], "responses");
    }

    #[test]
    fn look_alike_paths_on_other_objects_are_left() {
        let text = "import { Other } from 'other-sdk';\nconst c = new Other();\nawait c.chat.completions.create({ model: 'm', messages: [] });\n";
        let units = TYPESCRIPT.lift(text).unwrap().units;
        assert!(
            units[0].verdict.holds_for(Hold::NotOpenAi),
            "{:?}",
            units[0].verdict
        );
    }
}
