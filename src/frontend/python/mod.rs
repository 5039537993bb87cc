//! Python: the openai SDK's chat completions calls, with the code that reads their results,
//! and Responses calls, reviewed for the Chat Completions shapes a migration left behind.
//!
//! Parsed with ruff's parser. A site is `X.chat.completions.create / parse / stream` (also
//! through `beta.`, `with_raw_response.`, `with_streaming_response.` and `with_options(...)`),
//! `openai.chat.completions.create` on the module, legacy `openai.ChatCompletion.create`, and
//! Assistants API calls, and requests posted by hand to the Chat Completions URL (see
//! `raw`). Each site's receiver is traced to its constructor before any rule
//! runs (see `classify`), its parameters are followed to the literals that build them (see
//! `values`), and the uses of its result are followed through variables (see `reads`).

mod batch;
mod callers;
mod classify;
mod fallback;
mod importers;
mod imports;
mod instances;
mod lower;
mod mocks;
mod parsed;
mod raw;
mod reads;
mod scope;
mod shared;
mod values;

use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{Endpoint, Hold, Kind, Request, SdkMethod, Site, Span, Unit, Verdict};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use scope::{flatten, header_exprs, Index};
use values::span;

pub struct Python;

impl super::SharedValues for Python {
    fn imported_binding(&self, text: &str, local: &str) -> Option<(String, u32, String)> {
        shared::imported_binding(text, local)
    }

    fn module_value(
        &self,
        text: &str,
        name: &str,
        key: &str,
    ) -> Result<(crate::model::Value, Vec<crate::model::Container>), String> {
        // Python values carry no type the fix must change: the rules judge the literal.
        shared::module_value(text, name, key)
    }

    fn value_users(
        &self,
        text: &str,
        target: &super::Target,
        key: &str,
    ) -> Result<usize, (Option<usize>, String)> {
        shared::value_users(text, target, key)
    }
}

/// Where `text` (a Python file) first stubs the chat completions method for a test, as a byte
/// offset: a unit in a module it tests keeps its fix displayed until the test moves too.
pub fn first_chat_stub(text: &str) -> Option<usize> {
    let parsed = parsed::parse(text).ok()?;
    mocks::chat_stubs(parsed.suite())
        .first()
        .map(|(at, _)| at.start)
}

pub static PYTHON: Python = Python;

/// A script in cells (`# %%`, as Jupytext, VS Code and Spyder write them) with its IPython
/// lines (`%load_ext`, `!pip install`, and the lines a trailing backslash continues) turned
/// into comments, byte for byte in place (the `%` or `!` becomes `#`), so it parses and every
/// offset stays where it was. `None` for a file without cells or without such lines.
fn percent_script_masked(text: &str) -> Option<String> {
    if !text.contains("# %%") {
        return None;
    }
    let mut masked = String::with_capacity(text.len());
    let mut continued = false;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let start = line.len() - line.trim_start().len();
        let magic = continued || line[start..].starts_with(['%', '!']);
        continued = magic && line.trim_end().ends_with('\\');
        if magic && start < line.trim_end().len() {
            masked.push_str(&line[..start]);
            masked.push('#');
            // The first character is one byte (`%`, `!`, or what a continuation starts with,
            // which may be wider): keep the rest after its whole width.
            let width = line[start..].chars().next().map_or(1, char::len_utf8);
            masked.push_str(&" ".repeat(width - 1));
            masked.push_str(&line[start + width..]);
            changed = true;
        } else {
            masked.push_str(line);
        }
    }
    changed.then_some(masked)
}

impl FrontEnd for Python {
    fn name(&self) -> &'static str {
        "Python"
    }

    fn triggers(&self) -> &'static [&'static str] {
        &[
            "completions",
            "ChatCompletion",
            "assistants",
            "threads",
            "responses",
            // A reader of a Chat Completions batch's output, in a file of its own.
            "\"body\"][\"choices\"]",
            "'body']['choices']",
        ]
    }

    fn shared_values(&self) -> Option<&dyn super::SharedValues> {
        Some(self)
    }

    fn batch_pieces(&self, text: &str) -> Option<super::BatchPieces> {
        batch::pieces(text)
    }

    fn chat_stub(
        &self,
        text: &str,
        _is_module: &dyn Fn(&str, u32) -> Option<bool>,
    ) -> Option<usize> {
        // A patch names the module in a dotted string (`patch("app.llm.client…")`), which
        // the project's scan for the module's name already required.
        first_chat_stub(text)
    }

    fn test_stub(&self, text: &str, call: &super::StubbedCall) -> super::TestStub {
        match parsed::parse(text) {
            Ok(parsed) => mocks::migrate(parsed.suite(), text, call),
            Err(_) => super::TestStub::Unrelated,
        }
    }

    fn follow_importer(
        &self,
        text: &str,
        target: &super::Target,
        result: crate::model::ResultShape,
    ) -> super::Importer {
        importers::follow(text, target, result)
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        super::depth::guard_python(text)?;
        let units = match parsed::parse(text) {
            Ok(parsed) => lift_module(&parsed.syntax().body, text),
            Err(e) => {
                // A script in cells (`# %%`) may hold IPython lines, as notebooks do.
                let error = SyntaxError::new(e.error.to_string(), span(e.location));
                let masked = percent_script_masked(text).ok_or(error.clone())?;
                let parsed = ruff_python_parser::parse_module(&masked).map_err(|_| error)?;
                lift_module(&parsed.syntax().body, text)
            }
        };
        Ok(Lifted { units })
    }

    fn tidy_imports(&self, before: &str, after: &str) -> Vec<Edit> {
        imports::tidy(before, after)
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        lower::Lowering::new(text, units, &Default::default()).lower(changes)
    }

    fn lowering(&self, text: &str, run: &mut dyn FnMut(&dyn super::Lowerer)) {
        run(&Session {
            text,
            fstrings: Default::default(),
        })
    }

    fn suppressions(&self, text: &str) -> Vec<crate::suppression::Suppression> {
        if !text.contains("responsify:") {
            return Vec::new();
        }
        let Ok(parsed) = parsed::parse(text) else {
            return Vec::new();
        };
        let lines = crate::edit::LineIndex::new(text);
        parsed
            .tokens()
            .iter()
            .filter(|t| t.kind() == ruff_python_ast::token::TokenKind::Comment)
            .filter_map(|t| {
                let at = span(t.range());
                let (line, _) = lines.line_col(text, at.start);
                let own_line = crate::edit::indentation_at(text, at.start).len()
                    == at.start - text[..at.start].rfind('\n').map_or(0, |i| i + 1);
                crate::suppression::parse_comment(&text[at.start..at.end], at, line, own_line)
            })
            .collect()
    }
}

/// A chat completions call, matched by its method path.
struct SiteMatch<'a> {
    /// Chat Completions, or a Responses call reviewed for what a migration left behind.
    endpoint: Endpoint,
    call: &'a ast::ExprCall,
    receiver: &'a Expr,
    method: SdkMethod,
    /// `chat.completions` (with `beta.` when present): what becomes `responses`.
    path: Span,
    raw: bool,
    streaming_response: bool,
}

fn attribute<'a>(expr: &'a Expr, names: &[&str]) -> Option<(&'a ast::ExprAttribute, &'a str)> {
    match expr {
        Expr::Attribute(a) if names.contains(&a.attr.id.as_str()) => Some((a, a.attr.id.as_str())),
        _ => None,
    }
}

fn match_chat(call: &ast::ExprCall) -> Option<SiteMatch<'_>> {
    match_chat_method(&call.func, call)
}

/// `func` is `X.chat.completions.create` (or `parse` / `stream`, raw or streaming) and `call`
/// the call that sends the request: the same expression, or an alias bound to it.
fn match_chat_method<'a>(func: &'a Expr, call: &'a ast::ExprCall) -> Option<SiteMatch<'a>> {
    let (method_attr, method) = attribute(func, &["create", "parse", "stream"])?;
    let mut at = &*method_attr.value;
    let mut raw = false;
    let mut streaming_response = false;
    if let Some((wrapper, name)) = attribute(at, &["with_raw_response", "with_streaming_response"])
    {
        raw = name == "with_raw_response";
        streaming_response = name == "with_streaming_response";
        at = &wrapper.value;
    }
    let (completions, _) = attribute(at, &["completions"])?;
    let (chat, _) = attribute(&completions.value, &["chat"])?;
    let (start, receiver) = match attribute(&chat.value, &["beta"]) {
        Some((beta, _)) => (beta.attr.range.start(), &*beta.value),
        None => (chat.attr.range.start(), &*chat.value),
    };
    Some(SiteMatch {
        endpoint: Endpoint::ChatCompletions,
        call,
        receiver,
        method: match method {
            "parse" => SdkMethod::Parse,
            "stream" => SdkMethod::Stream,
            _ => SdkMethod::Create,
        },
        path: Span::new(start.to_usize(), completions.attr.range.end().to_usize()),
        raw,
        streaming_response,
    })
}

/// `X.responses.create / parse / stream(...)`: code already on Responses, reviewed for the
/// Chat Completions shapes a migration left behind.
fn match_responses(call: &ast::ExprCall) -> Option<SiteMatch<'_>> {
    let (method_attr, method) = attribute(&call.func, &["create", "parse", "stream"])?;
    let mut at = &*method_attr.value;
    let mut raw = false;
    if let Some((wrapper, name)) = attribute(at, &["with_raw_response", "with_streaming_response"])
    {
        raw = name == "with_raw_response";
        at = &wrapper.value;
    }
    let (responses, _) = attribute(at, &["responses"])?;
    Some(SiteMatch {
        endpoint: Endpoint::Responses,
        call,
        receiver: &responses.value,
        method: match method {
            "parse" => SdkMethod::Parse,
            "stream" => SdkMethod::Stream,
            _ => SdkMethod::Create,
        },
        path: span(responses.attr.range),
        raw,
        streaming_response: false,
    })
}

/// `openai.ChatCompletion.create(...)` / `.acreate(...)` on the module (openai < 1).
/// A cheap look before the raw HTTP match: `….post(…)` or `post(…)` with a URL argument.
fn posts_by_hand(call: &ast::ExprCall) -> bool {
    let named_post = match &*call.func {
        Expr::Attribute(a) => a.attr.id.as_str() == "post",
        Expr::Name(n) => n.id.as_str() == "post",
        _ => false,
    };
    named_post && (!call.arguments.args.is_empty() || !call.arguments.keywords.is_empty())
}

fn match_legacy(index: &Index, call: &ast::ExprCall) -> Option<Span> {
    legacy_method(index, &call.func)
}

/// `openai.ChatCompletion.create` (or `.acreate`) named, called or not: the span of the path.
fn legacy_method(index: &Index, func: &Expr) -> Option<Span> {
    let (method, _) = attribute(func, &["create", "acreate"])?;
    let (resource, _) = attribute(&method.value, &["ChatCompletion"])?;
    match &*resource.value {
        Expr::Name(n) if index.is_openai_module(n.id.as_str()) => Some(Span::new(
            resource.value.start().to_usize(),
            method.attr.range.end().to_usize(),
        )),
        _ => None,
    }
}

/// `X.chat.completions.list / retrieve / update / delete(...)` and
/// `X.chat.completions.messages.list(...)`: the stored chat completions API. The receiver
/// and the method path.
fn match_stored(call: &ast::ExprCall) -> Option<(&Expr, Span)> {
    let (method, name) = attribute(&call.func, &["list", "retrieve", "update", "delete"])?;
    let completions = match attribute(&method.value, &["messages"]) {
        Some((messages, _)) if name == "list" => attribute(&messages.value, &["completions"])?.0,
        Some(_) => return None,
        None => attribute(&method.value, &["completions"])?.0,
    };
    let (chat, _) = attribute(&completions.value, &["chat"])?;
    let path = Span::new(
        chat.attr.range.start().to_usize(),
        method.attr.range.end().to_usize(),
    );
    Some((&chat.value, path))
}

/// A call held back for `kind` when its client is OpenAI's (`Judged::held_for`); a client that is not (another
/// library, another server) keeps its own verdict.
fn held_call(
    index: &Index,
    scope: usize,
    receiver: &Expr,
    (call, path): (Span, Span),
    kind: Hold,
    reason: String,
    text: &str,
) -> Unit {
    let mut unit = flagged(call, path, Endpoint::ChatCompletions, kind, String::new());
    unit.verdict = classify::trace(index, scope, receiver, text).held_for(kind, reason);
    unit
}

/// `X.beta.assistants.*` / `X.beta.threads.*` calls.
fn match_assistants(call: &ast::ExprCall) -> Option<Span> {
    let mut at = &*call.func;
    while let Expr::Attribute(a) = at {
        if matches!(a.attr.id.as_str(), "assistants" | "threads") {
            if let Some((beta, _)) = attribute(&a.value, &["beta"]) {
                return Some(Span::new(
                    beta.attr.range.start().to_usize(),
                    a.attr.range.end().to_usize(),
                ));
            }
        }
        at = &a.value;
    }
    None
}

#[derive(Default)]
struct Calls<'a> {
    found: Vec<&'a ast::ExprCall>,
}

impl<'a> Visitor<'a> for Calls<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.found.push(call);
        }
        visitor::walk_expr(self, expr);
    }
}

fn lift_module(module: &[ast::Stmt], text: &str) -> Vec<Unit> {
    let index = Index::build(module);
    // Per scope, built when a request there first needs it (see `reads::Statements`).
    let statements: Vec<std::cell::OnceCell<reads::Statements>> =
        index.scopes.iter().map(|_| Default::default()).collect();
    let mut units = Vec::new();
    let mut shared: Vec<Vec<Span>> = Vec::new();
    // Counted on first need: only files that post by hand to a chat URL need it.
    let name_uses = std::cell::OnceCell::new();
    // URL literals that a raw request found here reads.
    let mut carried: Vec<Span> = Vec::new();
    // A Batch pipeline written here: its lines, and the batch they are created with.
    let batch_lines = if text.contains("body") {
        batch::lines(&index)
    } else {
        Vec::new()
    };
    let mut creations: Vec<batch::Creation> = Vec::new();
    // For results returned to callers: built on first need.
    let calls = std::cell::OnceCell::new();
    let module_of = || callers::Module {
        index: &index,
        calls: calls.get_or_init(|| callers::Calls::build(&index)),
        statements: &statements,
        name_uses: name_uses.get_or_init(|| raw::NameUses::count(module)),
        text,
    };
    for (scope_id, scope) in index.scopes.iter().enumerate() {
        for stmt in flatten(scope.body) {
            let mut calls = Calls::default();
            for expr in header_exprs(stmt) {
                calls.visit_expr(expr);
            }
            for call in calls.found {
                let call_span = span(call.range());
                if let Some(site) = match_chat(call).or_else(|| match_responses(call)) {
                    let own =
                        statements[scope_id].get_or_init(|| reads::Statements::new(scope.body));
                    let (mut unit, spans, returned) = chat_unit(&index, scope_id, own, &site, text);
                    if let Some(shape) = returned {
                        callers::follow(&module_of(), scope_id, shape, &mut unit);
                    }
                    units.push(unit);
                    shared.push(spans);
                } else if let Some((site, alias)) = match_alias(&index, scope_id, call) {
                    // `create = client.chat.completions.create; create(...)`: found and shown,
                    // but every call through the alias would have to move at once.
                    let own =
                        statements[scope_id].get_or_init(|| reads::Statements::new(scope.body));
                    let (mut unit, spans, returned) = chat_unit(&index, scope_id, own, &site, text);
                    if let Some(shape) = returned {
                        callers::follow(&module_of(), scope_id, shape, &mut unit);
                    }
                    unit.unfixable.push(format!(
                        "the method is called through `{alias}`, bound at line {}; rewrite the binding and every call through it together",
                        crate::edit::line_col(text, site.path.start).0
                    ));
                    units.push(unit);
                    shared.push(spans);
                } else if let Some(site) = posts_by_hand(call)
                    .then(|| {
                        let uses = name_uses.get_or_init(|| raw::NameUses::count(module));
                        raw::match_raw(&index, scope_id, uses, call)
                    })
                    .flatten()
                {
                    carried.extend(raw::url_literal(&site));
                    let own =
                        statements[scope_id].get_or_init(|| reads::Statements::new(scope.body));
                    let (mut unit, spans, returned) = raw::unit(&index, scope_id, own, &site, text);
                    if let Some(shape) = returned {
                        callers::follow(&module_of(), scope_id, shape, &mut unit);
                    }
                    units.push(unit);
                    shared.push(spans);
                } else if let Some(path) = match_legacy(&index, call) {
                    units.push(flagged(
                        call_span,
                        path,
                        Endpoint::ChatCompletions,
                        Hold::LegacySdk,
                        "`openai.ChatCompletion` is the openai < 1.0 API".into(),
                    ));
                    shared.push(Vec::new());
                } else if let Some((receiver, path)) = match_stored(call) {
                    units.push(held_call(
                        &index,
                        scope_id,
                        receiver,
                        (call_span, path),
                        Hold::StoredCompletions,
                        crate::classify::stored_completions_reason(&text[path.start..path.end]),
                        text,
                    ));
                    shared.push(Vec::new());
                } else if let Some(creation) = batch::creation(&index, scope_id, call) {
                    if batch_lines.is_empty() {
                        // The lines are elsewhere (a `.jsonl` file, a module that writes
                        // them): the run may bring them into view (see `batch`).
                        let mut unit = held_call(
                            &index,
                            scope_id,
                            creation.receiver,
                            (call_span, creation.path),
                            Hold::BatchChatEndpoint,
                            "the batch is created for \"/v1/chat/completions\"".into(),
                            text,
                        );
                        // What the client says, for when the run brings the pipeline into view.
                        let judged = classify::trace(&index, scope_id, creation.receiver, text);
                        if matches!(judged.verdict, Verdict::Migrate) {
                            let mut scratch = unit.clone();
                            judged.apply_to(&mut scratch);
                            unit.unseen = scratch.unseen;
                            unit.caveats = scratch.caveats;
                        }
                        unit.batch = Some(crate::model::BatchRole::Creation {
                            endpoint: creation
                                .endpoint
                                .and_then(|e| raw::chat_path(span(e.range), text)),
                        });
                        units.push(unit);
                        shared.push(Vec::new());
                    } else {
                        // Moves with the lines this file writes (see `batch`).
                        carried.extend(creation.endpoint.map(|e| span(e.range)));
                        creations.push(creation);
                    }
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
        }
    }
    if batch_lines.is_empty() && creations.is_empty() {
        // A file that only reads a Batch's output (`json.loads(line)["response"]["body"]
        // ["choices"]`): its batch is made elsewhere, and when that batch moves to
        // `/v1/responses` this reader must move with it.
        if let Some(first) = batch::output_reads(&index, &statements, text)
            .and_then(|uses| uses.reads.first().map(|r| r.span))
        {
            units.push(flagged(
                first,
                first,
                Endpoint::ChatCompletions,
                Hold::BatchChatEndpoint,
                "this code reads the output of a Chat Completions batch (`response.body.choices`); when the batch moves to `/v1/responses`, its lines' bodies are Responses results (`output`)".into(),
            ));
            shared.push(Vec::new());
        }
    }
    if !batch_lines.is_empty() {
        let output = batch::output_reads(&index, &statements, text);
        // One group: the lines, the batch's endpoint and the output readers move together.
        let together = span(batch_lines[0].dict.range);
        for (i, line) in batch_lines.iter().enumerate() {
            let first = i == 0;
            let (unit, mut spans) = batch::unit(
                &index,
                line,
                creations.first(),
                creations.len(),
                first,
                output.as_ref().filter(|_| first),
                text,
            );
            spans.push(together);
            units.push(unit);
            shared.push(spans);
        }
    }
    for unit in method_references(&index, module, &units, text) {
        units.push(unit);
        shared.push(Vec::new());
    }
    let stubs = mocks::chat_stubs(module);
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
    let urls = chat_urls(module);
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
    for (at, url) in urls.called {
        // A literal inside a call already reported (a batch's `endpoint`), or the URL a
        // request posted by hand was found with, is that request's.
        if carried.contains(&at) || units.iter().any(|u| u.request.span.contains(at)) {
            continue;
        }
        units.push(Unit::named_endpoint(
            at,
            crate::classify::judge_chat_url(&url),
        ));
        shared.push(Vec::new());
    }
    group(&mut units, &shared);
    units
}

/// `alias(...)` where `alias = X.chat.completions.create` is the only binding of the name.
fn match_alias<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a ast::ExprCall,
) -> Option<(SiteMatch<'a>, &'a str)> {
    let Expr::Name(name) = &*call.func else {
        return None;
    };
    let (_, values) = index.assignments(scope, name.id.as_str());
    let [value] = values.as_slice() else {
        return None;
    };
    let site = match_chat_method(value, call)?;
    Some((site, name.id.as_str()))
}

/// `X.chat.completions.create` named without being called: handed to a retry helper
/// (`with_retries(client.chat.completions.create, ...)`) or bound to a name called elsewhere.
/// Found and reported; the call it makes is out of sight, so no fix is applied.
/// Lowering for every group of one text, with the f-strings found once: the memo behind
/// `lower` compares the whole text on each call, which is linear per request.
struct Session<'t> {
    text: &'t str,
    fstrings: lower::FStrings,
}

impl super::Lowerer for Session<'_> {
    fn lower(&self, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        lower::Lowering::new(self.text, units, &self.fstrings).lower(changes)
    }
}

fn method_references(index: &Index, module: &[ast::Stmt], units: &[Unit], text: &str) -> Vec<Unit> {
    #[derive(Default)]
    struct References<'a> {
        /// Called, or read through (a mock's `create.return_value`, `create.assert_called_with`):
        /// not a method handed on.
        used_in_place: std::collections::HashSet<Span>,
        named: Vec<&'a Expr>,
    }
    impl<'a> Visitor<'a> for References<'a> {
        // `mock.chat.completions.create = fake`: a stub (`mocks::chat_stubs`), not a method
        // handed on.
        fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
            for (target, _) in mocks::replaced_methods(stmt) {
                self.used_in_place.insert(span(target.range()));
            }
            visitor::walk_stmt(self, stmt);
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Call(call) => {
                    self.used_in_place.insert(span(call.func.range()));
                }
                Expr::Attribute(a) => {
                    self.used_in_place.insert(span(a.value.range()));
                    if matches!(a.attr.id.as_str(), "create" | "acreate") {
                        self.named.push(expr);
                    }
                }
                _ => {}
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut refs = References::default();
    for stmt in module {
        refs.visit_stmt(stmt);
    }
    // Sets, not scans: every call's `create` is named, so a scan per name is quadratic.
    let reported: std::collections::HashSet<Span> = units
        .iter()
        .filter_map(|u| match u.request.site {
            Site::SdkCall { method, .. } => Some(method),
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    for expr in refs.named {
        let at = span(expr.range());
        if refs.used_in_place.contains(&at) {
            continue;
        }
        // `run(openai.ChatCompletion.create, ...)`: the openai < 1.0 API, handed on.
        if let Some(path) = legacy_method(index, expr) {
            found.push(flagged(
                at,
                path,
                Endpoint::ChatCompletions,
                Hold::LegacySdk,
                "`openai.ChatCompletion` is the openai < 1.0 API".into(),
            ));
            continue;
        }
        let Some((create, _)) = attribute(expr, &["create"]) else {
            continue;
        };
        let Some((completions, _)) = attribute(&create.value, &["completions"]) else {
            continue;
        };
        let Some((chat, _)) = attribute(&completions.value, &["chat"]) else {
            continue;
        };
        let path = Span::new(
            chat.attr.range.start().to_usize(),
            completions.attr.range.end().to_usize(),
        );
        // An alias already reported through its calls.
        if reported.contains(&path) {
            continue;
        }
        let client = classify::trace(index, 0, &chat.value, text);
        let mut unit = flagged(
            at,
            path,
            Endpoint::ChatCompletions,
            Hold::ChatCompletionsUrl,
            String::new(),
        );
        unit.verdict = Verdict::Migrate;
        client.apply_to(&mut unit);
        if unit.verdict == Verdict::Migrate {
            unit.unseen.push(format!(
                "`{}` is passed on as a value, so the call it makes (its parameters and its result) is out of sight",
                &text[at.start..at.end]
            ));
        }
        found.push(unit);
    }
    found
}

/// String literals that name the Chat Completions endpoint (`"https://api.openai.com/v1/chat/completions"`,
/// `"/v1/chat/completions"`, `f"{base}/chat/completions"`), outside docstrings: those the
/// code calls, and those an HTTP mock answers in a test (see [`is_http_mock`]).
fn chat_urls(module: &[ast::Stmt]) -> ChatUrls {
    #[derive(Default)]
    struct Urls {
        found: Vec<(Span, String)>,
        mocked: Vec<Span>,
    }
    impl<'a> Visitor<'a> for Urls {
        fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
            // A bare string statement is a docstring or a comment in disguise: prose.
            if let ast::Stmt::Expr(e) = stmt {
                if matches!(&*e.value, Expr::StringLiteral(_) | Expr::FString(_)) {
                    return;
                }
            }
            visitor::walk_stmt(self, stmt);
        }
        // `@app.post("/v1/chat/completions")`: a route this code serves (an
        // OpenAI-compatible server or proxy), not a request it sends. So is a `case` pattern.
        fn visit_decorator(&mut self, _: &'a ast::Decorator) {}
        fn visit_pattern(&mut self, _: &'a ast::Pattern) {}
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                // `app.add_api_route("/v1/chat/completions", handler)` (FastAPI, Starlette),
                // `app.add_url_rule(...)` (Flask): routes too.
                if let Expr::Attribute(a) = &*call.func {
                    if matches!(
                        a.attr.id.as_str(),
                        "add_api_route" | "add_url_rule" | "add_route" | "api_route"
                    ) {
                        return;
                    }
                }
            }
            // `httpx_mock.add_response(url="…/v1/chat/completions", json=…)`: a test's stand-in
            // for the endpoint, which changes with the code it tests.
            if let Expr::Call(call) = expr {
                if is_http_mock(call) {
                    let arguments = call
                        .arguments
                        .args
                        .iter()
                        .chain(call.arguments.keywords.iter().map(|k| &k.value));
                    for argument in arguments {
                        let text = match argument {
                            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
                            Expr::FString(_) => classify::literal_parts(argument),
                            _ => None,
                        };
                        if text.is_some_and(|t| crate::classify::names_chat_endpoint(&t)) {
                            self.mocked.push(span(argument.range()));
                        }
                    }
                }
            }
            // A call that posts to another server (`requests.post("https://api.groq.com/...",
            // json={"endpoint": "/v1/chat/completions"})`): its paths are that server's.
            if let Expr::Call(call) = expr {
                if let Some(Expr::StringLiteral(url)) = call.arguments.args.first() {
                    let url = url.value.to_str();
                    if url.contains("://")
                        && crate::classify::url_kind(url) == crate::classify::UrlKind::Other
                    {
                        return;
                    }
                }
            }
            let text = match expr {
                Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
                Expr::FString(_) => classify::literal_parts(expr),
                _ => None,
            };
            if let Some(text) = text.filter(|t| crate::classify::names_chat_endpoint(t)) {
                self.found.push((span(expr.range()), text));
                return;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut urls = Urls::default();
    for stmt in module {
        urls.visit_stmt(stmt);
    }
    let mocked = urls.mocked;
    ChatUrls {
        called: urls
            .found
            .into_iter()
            .filter(|(at, _)| !mocked.contains(at))
            .collect(),
        mocked,
    }
}

/// The Chat Completions URLs of a module: those it calls, and those its HTTP mocks answer.
struct ChatUrls {
    called: Vec<(Span, String)>,
    mocked: Vec<Span>,
}

/// A call that registers an HTTP mock's answer: on a mocking library's module or fixture
/// (`respx.post(url)`, `responses.add(POST, url)`, `httpx_mock.add_response(url=…)`,
/// `requests_mock.post(url)`, `aioresponses_mock.post(url)`), named by the receiver.
fn is_http_mock(call: &ast::ExprCall) -> bool {
    let Expr::Attribute(method) = &*call.func else {
        return false;
    };
    let Expr::Name(receiver) = &*method.value else {
        return false;
    };
    let receiver = receiver.id.as_str();
    matches!(receiver, "respx" | "responses" | "aioresponses")
        || receiver.to_ascii_lowercase().contains("mock")
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
            body: crate::model::Value::map(Vec::<(String, crate::model::Value)>::new()),
            hidden_keys: true,
        },
        Verdict::hold(kind, reason),
    )
}

fn chat_unit(
    index: &Index,
    scope: usize,
    statements: &reads::Statements,
    site: &SiteMatch,
    text: &str,
) -> (Unit, Vec<Span>, Option<reads::Shape>) {
    let call_span = span(site.call.range());
    let client = classify::trace(index, scope, site.receiver, text).for_call(
        site.call
            .arguments
            .keywords
            .iter()
            .filter_map(|k| k.arg.as_ref().map(|a| a.id.as_str())),
    );
    let body = values::body(index, scope, site.call, text);
    let stream = matches!(
        body.value.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    );
    let mut unit = Unit::new(
        Request {
            endpoint: site.endpoint,
            site: Site::SdkCall {
                method: site.path,
                kind: site.method,
            },
            span: call_span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        Verdict::Migrate,
    );
    unit.containers = body.containers;
    unit.enclosing = index.enclosing(scope);
    if site.endpoint == Endpoint::ChatCompletions && index.scopes[scope].function.is_some() {
        unit.responses_branch =
            fallback::responses_branch_before(index.scopes[scope].body, call_span, text);
    }
    unit.rewrites_importable = body.module_names;
    unit.splats = body.splats;
    unit.model_name = body.model;
    unit.model_candidates = body.model_candidates;
    client.apply_to(&mut unit);
    for hidden in body.hidden {
        unit.unfixable.push(format!(
            "the request's parameters include {hidden}, which responsify cannot see"
        ));
    }
    unit.unseen.extend(body.unseen);
    if site.streaming_response {
        unit.unfixable
            .push("`with_streaming_response` hands back raw HTTP: check what reads it".into());
    }
    if matches!(body_stream_flag(&unit), StreamFlag::Unknown) {
        unit.unfixable.push(
            "`stream` is not a literal, so responsify cannot tell how the result is read".into(),
        );
    }
    if site.endpoint == Endpoint::Responses {
        // Fixing residue leaves the result's type as it is, so uses responsify cannot follow
        // do not matter; only hidden parameters (which a fix could collide with) do.
        unit.unseen.clear();
        unit.caveats.clear();
        unit.unfixable
            .retain(|why| why.starts_with("the request's parameters include"));
        let first = if stream || site.method == SdkMethod::Stream {
            reads::Shape::ResponseStream
        } else {
            reads::Shape::Response
        };
        let uses = reads::analyze(statements, call_span, first, text);
        unit.reads = uses.reads;
        unit.reads
            .extend(param_annotations(index, &unit.request.body, text));
        return (unit, body.shared, None);
    }
    let first = if site.method == SdkMethod::Stream {
        reads::Shape::Helper
    } else if site.raw {
        reads::Shape::Raw
    } else if stream {
        reads::Shape::Stream
    } else {
        reads::Shape::Completion
    };
    let uses = reads::analyze(statements, call_span, first, text);
    unit.reads = uses.reads;
    unit.reads
        .extend(param_annotations(index, &unit.request.body, text));
    unit.unseen.extend(uses.unseen);
    // A list that receives the reply gets output items once the fix extends it with them:
    // nothing else may read it as chat messages.
    for read in &unit.reads {
        if let crate::model::ReadKind::AppendReply { list } = read.kind {
            let written = &text[list.start..list.end];
            if values::is_name(written) {
                unit.unseen
                    .extend(values::list_readers(index, scope, written, text));
            } else {
                unit.unseen.push(format!(
                    "the reply is appended to `{written}`, whose readers responsify does not follow (they would get output items instead of a chat message)"
                ));
            }
        }
    }
    (unit, body.shared, uses.returned)
}

/// The annotations of the bindings whose values the request sends as its messages or
/// tools (`msgs: list[ChatCompletionMessageParam] = [...]`), and of its tools' elements.
fn param_annotations(
    index: &Index,
    body: &crate::model::Value,
    text: &str,
) -> Vec<crate::model::Read> {
    use crate::model::Annotated;
    let mut found = Vec::new();
    let mut of = |value: &crate::model::Value, key: &str, element: bool| {
        if let Some(annotation) = value.span.and_then(|at| index.annotation_of(at)) {
            let of = Annotated::Param {
                key: key.to_string(),
                element,
            };
            found.extend(reads::typed_reads(annotation, of, text));
        }
    };
    for key in ["messages", "input", "tools"] {
        let Some(value) = body.get(key) else { continue };
        of(value, key, false);
        if key == "tools" {
            for tool in value.as_list().unwrap_or_default() {
                of(tool, key, true);
            }
        }
    }
    found
}

enum StreamFlag {
    Known,
    Unknown,
}

fn body_stream_flag(unit: &Unit) -> StreamFlag {
    match unit.request.body.get("stream").map(|v| &v.kind) {
        None | Some(Kind::Bool(_)) => StreamFlag::Known,
        Some(_) => StreamFlag::Unknown,
    }
}

/// Units that share source (a message list, a splatted dict) get one group.
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
