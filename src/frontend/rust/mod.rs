//! Rust: async-openai's chat API, with the code that reads its results.
//!
//! Parsed with syn; proc-macro2's `span-locations` gives every node its byte range in the
//! file, and every fix is a splice of the original text (nothing is printed back through
//! `quote`), so formatting and comments survive.
//!
//! A site is `X.chat().create(..)` / `.create_stream(..)` / `.create_byot(..)` whose receiver
//! traces to an async-openai `Client` (see `classify`; other crates have `chat()` methods
//! too). Its request is the `CreateChatCompletionRequestArgs` builder chain it is given,
//! directly or through a `let`; the chain lifts to a map of its setters and its message
//! builders to message maps (see `values`). The response is followed through its binding
//! over the rest of the function (see `reads`), a stream through its `while let` loop (see
//! `stream`). `json!` bodies sent with reqwest or `create_byot`, and URL strings of the chat
//! endpoint, are read from macro tokens (see `raw`). Lowering (see `lower`) writes the
//! Responses builder: `client.responses()`, `CreateResponseArgs`, `EasyInputMessageArgs`
//! items, the renamed and moved setters, and the reads.
//!
//! `client.responses().create(..)` builder requests are lifted too, as Responses units.
//!
//! The rewrite targets async-openai 0.31 and later (module `async_openai::types::responses`,
//! `InputParam`, `output_text()`); the Cargo.toml front end checks the version and adds the
//! `responses` feature the rewritten code needs.

mod callers;
mod classify;
mod fallback;
mod importers;
mod imports;
mod lower;
pub mod modules;
mod raw;
mod reads;
mod scope;
mod stream;
mod values;

use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::Edit;
use crate::model::{
    Endpoint, Hold, Kind, ReadKind, Request, SdkMethod, Site, Span, Unit, Value, Verdict,
};
use classify::Client;
use scope::FnBody;
use syn::Expr;
use values::{span_of, Chain};

pub struct Rust {
    /// The directory of the file, when known: the crate's manifest is looked up from it.
    dir: Option<std::path::PathBuf>,
    /// Why the crate's async-openai cannot compile migrated code (found on first need).
    crate_note: std::sync::OnceLock<Option<String>>,
}

/// The Rust front end for text with no crate around it (stdin, tests).
pub static RUST: Rust = Rust {
    dir: None,
    crate_note: std::sync::OnceLock::new(),
};

/// The Rust front end for a file at `path`: it knows the crate's async-openai version, so
/// that a crate still on a version without the Responses names responsify writes is
/// reported instead of rewritten into code its compiler rejects. One per directory, kept
/// for the life of the process.
pub fn for_source(path: &std::path::Path) -> &'static Rust {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<PathBuf, &'static Rust>>> = OnceLock::new();
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    let mut made = MADE.get_or_init(Default::default).lock().unwrap();
    made.entry(dir.clone()).or_insert_with(|| {
        Box::leak(Box::new(Rust {
            dir: Some(dir),
            crate_note: std::sync::OnceLock::new(),
        }))
    })
}

impl Rust {
    fn crate_note(&self) -> Option<&str> {
        self.crate_note
            .get_or_init(|| {
                let dir = self.dir.as_ref()?;
                let start = if dir.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    dir
                };
                let root = start.ancestors().find(|d| d.join("Cargo.toml").is_file())?;
                match super::cargo::crate_version(root)? {
                    Ok((version, source)) => (version < super::cargo::FIRST_FEATURE_GATED).then(|| {
                        format!(
                            "the crate's async-openai is {version} (from {source}); the Responses code responsify writes needs 0.31 or later"
                        )
                    }),
                    Err(why) => Some(format!(
                        "{why}; the Responses code responsify writes needs 0.31 or later"
                    )),
                }
            })
            .as_deref()
    }
}

impl FrontEnd for Rust {
    fn name(&self) -> &'static str {
        "Rust"
    }

    fn triggers(&self) -> &'static [&'static str] {
        &[
            "async_openai",
            "CreateChatCompletionRequest",
            "chat/completions",
            "v1/responses",
        ]
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let sites = analyze(text)?;
        let mut units: Vec<Unit> = sites.into_iter().map(|s| s.unit).collect();
        if units.iter().any(|u| matches!(u.verdict, Verdict::Migrate)) {
            if let Some(note) = self.crate_note() {
                for unit in &mut units {
                    if unit.request.endpoint == Endpoint::ChatCompletions {
                        unit.unfixable.push(note.to_string());
                    }
                }
            }
        }
        Ok(Lifted { units })
    }

    fn tidy_imports(&self, before: &str, after: &str) -> Vec<Edit> {
        imports::tidy(before, after)
    }

    fn follow_importer(
        &self,
        text: &str,
        target: &super::Target,
        result: crate::model::ResultShape,
    ) -> super::Importer {
        importers::follow(text, target, result)
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        let mut out = None;
        self.lowering(text, &mut |low| out = Some(low.lower(units, changes)));
        out.expect("lowering runs its closure")
    }

    fn lowering(&self, text: &str, run: &mut dyn FnMut(&dyn super::Lowerer)) {
        run(&Session {
            text,
            sites: Default::default(),
            header: Default::default(),
        })
    }

    fn suppressions(&self, text: &str) -> Vec<crate::suppression::Suppression> {
        line_comments(text)
            .into_iter()
            .filter_map(|at| {
                let (line, _) = crate::edit::line_col(text, at.start);
                let own_line = text[..at.start]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|before| before.trim().is_empty());
                crate::suppression::parse_comment(&text[at.start..at.end], at, line, own_line)
            })
            .collect()
    }

    fn verify(&self, _before: &str, after: &str) -> Result<(), String> {
        parse(after).map(|_| ()).map_err(|e| e.message)
    }

    fn verify_is_lift(&self) -> bool {
        false
    }
}

/// `//` comments that mention `responsify:` (found lexically: syn drops comments). A `//`
/// inside a string is not a comment; a line whose quotes are unbalanced before the `//` is
/// skipped rather than guessed at.
fn line_comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(marker) = line.find("responsify:") {
            if let Some(slashes) = line[..marker].rfind("//") {
                let quotes = line[..slashes].matches('"').count();
                if quotes % 2 == 0 {
                    let end = line.trim_end_matches(['\n', '\r']).len();
                    out.push(Span::new(offset + slashes, offset + end));
                }
            }
        }
        offset += line.len();
    }
    out
}

/// Spans are located per thread; forget them once a file is done so memory stays flat.
struct SpanScope;

impl Drop for SpanScope {
    fn drop(&mut self) {
        proc_macro2::extra::invalidate_current_thread_spans();
    }
}

/// Parse a file. A shebang line is blanked out (not cut) so byte offsets stay the text's.
fn parse(text: &str) -> Result<syn::File, SyntaxError> {
    let _scope = SpanScope;
    parse_keeping_spans(text)
}

fn parse_keeping_spans(text: &str) -> Result<syn::File, SyntaxError> {
    let blanked;
    let source = if text.starts_with("#!") && !text[2..].trim_start().starts_with('[') {
        let end = text.find('\n').unwrap_or(text.len());
        blanked = format!("{}{}", " ".repeat(end), &text[end..]);
        blanked.as_str()
    } else {
        text
    };
    super::depth::guard_brackets(source)?;
    syn::parse_file(source).map_err(|e| {
        let range = e.span().byte_range();
        SyntaxError::new(
            format!("Rust syntax error: {e}"),
            Span::new(range.start, range.end),
        )
    })
}

/// One message of a `messages` list.
#[derive(Clone, Debug)]
pub(crate) struct MessageItem {
    pub span: Span,
    /// The message builder, when the message is one.
    pub chain: Option<Chain>,
    pub role: Option<&'static str>,
    /// The text of a message written as an enum value or a `from` conversion
    /// (`ChatCompletionRequestMessage::User("hi".into())`).
    pub text: Option<Span>,
    /// One message given where chat takes `Into<Vec<_>>` (`.messages(msg.build()?)`): the
    /// Responses input takes an array, so the lowering writes one around it.
    pub alone: bool,
}

/// Everything lowering needs to know about one site, found again from the text.
#[derive(Clone, Debug)]
pub(crate) struct SiteInfo {
    pub unit: Unit,
    /// `chat` of `client.chat().create(..)`.
    pub chat: Span,
    pub request: Option<Chain>,
    /// The `messages` list: its span, and each element.
    pub messages: Option<(Span, Vec<MessageItem>)>,
    /// The `json!` body of a raw or `create_byot` request (also the unit's body).
    pub json_body: Option<Value>,
    /// `chat/completions` inside the URL literal of a raw request.
    pub url_path: Option<Span>,
    /// `chunk.choices` iterated by stream loops, with the chunk's span (see `stream`).
    pub stream_iterated: Vec<(Span, Span, bool)>,
    /// Stream text reads whose base is a choice those loops bind.
    pub via_choice: Vec<Span>,
    /// Loops over a (non-stream) response's choices: the iterable, and the response in it.
    pub choice_loops: Vec<(Span, Span)>,
    /// `let` statements whose value a setter takes by name and which nothing else uses
    /// (`let format = ResponseFormat::JsonSchema { .. }; .. .response_format(format)`): the
    /// setter's value is the `let`'s, and the `let` goes when the setter is rewritten.
    pub bound_lets: Vec<Span>,
    /// `CreateChatCompletionResponse` in the return type of the function that returns the
    /// response to its callers (followed, see `callers`): it becomes `responses::Response`.
    pub result_types: Vec<Span>,
}

fn role_of(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "ChatCompletionRequestSystemMessageArgs" => "system",
        "ChatCompletionRequestDeveloperMessageArgs" => "developer",
        "ChatCompletionRequestUserMessageArgs" => "user",
        "ChatCompletionRequestAssistantMessageArgs" => "assistant",
        "ChatCompletionRequestToolMessageArgs" => "tool",
        "ChatCompletionRequestFunctionMessageArgs" => "function",
        _ => return None,
    })
}

/// Does the file bring async-openai's `Client` into scope?
fn imports_client(file: &syn::File) -> bool {
    fn tree_has(tree: &syn::UseTree, under_crate: bool) -> bool {
        match tree {
            syn::UseTree::Path(p) => {
                let here = under_crate || p.ident == "async_openai";
                (p.ident == "async_openai" || under_crate) && tree_has(&p.tree, here)
            }
            syn::UseTree::Name(n) => under_crate && n.ident == "Client",
            syn::UseTree::Rename(r) => under_crate && r.ident == "Client",
            syn::UseTree::Glob(_) => under_crate,
            syn::UseTree::Group(g) => g.items.iter().any(|t| tree_has(t, under_crate)),
        }
    }
    struct Uses(bool);
    impl<'a> syn::visit::Visit<'a> for Uses {
        fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
            self.0 |= tree_has(&u.tree, false);
        }
    }
    let mut uses = Uses(false);
    syn::visit::Visit::visit_file(&mut uses, file);
    uses.0
}

/// Lowering for every group of one text: the sites are analysed, and the text's imports
/// read, once for all of them, not once per request.
struct Session<'t> {
    text: &'t str,
    sites: std::cell::OnceCell<Result<Vec<SiteInfo>, String>>,
    header: std::cell::OnceCell<(String, Option<Edit>)>,
}

impl super::Lowerer for Session<'_> {
    fn lower(&self, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        let sites = self
            .sites
            .get_or_init(|| analyze(self.text).map_err(|e| e.message))
            .as_ref()
            .map_err(|e| e.clone())?;
        let header = self.header.get_or_init(|| lower::header(self.text));
        lower::Lowering::new(self.text, sites, units, header).lower(changes)
    }
}

pub(crate) fn analyze(text: &str) -> Result<Vec<SiteInfo>, SyntaxError> {
    let _scope = SpanScope;
    let file = parse_keeping_spans(text)?;
    // Once, not once per call: each look is a scan of the whole text.
    let async_openai = text.contains("async_openai");
    let imported = imports_client(&file);
    let bodies = scope::bodies(&file);
    let callers = scope::Callers::of(&file);
    let tracer = classify::Tracer::new(&bodies, &callers, imported, text);
    let mut sites = Vec::new();
    for body in &bodies {
        for call in &body.calls {
            if async_openai {
                if let Some(site) = site(&tracer, &bodies, &callers, body, call, text) {
                    sites.push(site);
                    continue;
                }
            }
            if async_openai {
                if let Some(site) = stored_site(&tracer, body, call, text) {
                    sites.push(site);
                    continue;
                }
            }
            if let Some(site) = raw_site(body, call, text) {
                sites.push(site);
            }
        }
    }
    if text.contains("BatchEndpoint") {
        for at in chat_batch_endpoints(&file) {
            sites.push(url_site(
                at,
                Verdict::hold(
                    Hold::BatchChatEndpoint,
                    "the batch is created for `BatchEndpoint::V1ChatCompletions`",
                ),
            ));
        }
    }
    // URLs of the chat endpoint that no request here carries are reported.
    let carried: Vec<Span> = sites.iter().map(|s| s.unit.request.span).collect();
    let urls = chat_urls(&file);
    if let Some(&first) = urls.mocked.iter().min_by_key(|at| at.start) {
        sites.push(url_site(
            first,
            Verdict::hold(
                Hold::ChatCompletionsMock,
                crate::classify::http_mock_reason(urls.mocked.len()),
            ),
        ));
    }
    for (lit, at) in urls.called {
        if !carried.iter().any(|c| c.contains(at)) {
            sites.push(url_site(at, crate::classify::judge_chat_url(&lit)));
        }
    }
    sites.sort_by_key(|s| s.unit.request.span.start);
    group(&mut sites);
    Ok(sites)
}

/// Sites that share a message list are fixed together.
fn group(sites: &mut [SiteInfo]) {
    // Shared messages, or one request value that two sites send.
    let keys: Vec<Vec<(bool, Span)>> = sites
        .iter()
        .map(|s| {
            let mut keys = Vec::new();
            if let Some((messages, _)) = &s.messages {
                keys.push((true, *messages));
            }
            if let Some(request) = &s.request {
                keys.push((false, request.body));
            }
            keys
        })
        .collect();
    let mut groups: Vec<Option<usize>> = sites.iter().map(|s| s.unit.group).collect();
    super::share_groups(&mut groups, &keys);
    for (site, g) in sites.iter_mut().zip(groups) {
        site.unit.group = g;
    }
}

/// The expression a call's result flows into: `.await`, `?`, `.unwrap()`, `.expect(..)`.
fn result_of(stmt_expr: &Expr, call: Span) -> bool {
    let mut at = stmt_expr;
    loop {
        if span_of(at) == call {
            return true;
        }
        match at {
            Expr::Await(a) => at = &a.base,
            Expr::Try(t) => at = &t.expr,
            Expr::Paren(p) => at = &p.expr,
            Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "unwrap" | "expect") => {
                at = &m.receiver
            }
            _ => return false,
        }
    }
}

/// `x` of `Ok(x)`.
fn ok_of(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Call(call) if call.args.len() == 1 => {
            matches!(&*call.func, Expr::Path(p) if p.path.is_ident("Ok")).then(|| &call.args[0])
        }
        _ => None,
    }
}

fn site(
    tracer: &classify::Tracer,
    bodies: &[FnBody],
    callers: &scope::Callers,
    body: &FnBody,
    call: &syn::ExprMethodCall,
    text: &str,
) -> Option<SiteInfo> {
    let method = call.method.to_string();
    if !matches!(method.as_str(), "create" | "create_stream" | "create_byot")
        || call.args.len() != 1
    {
        return None;
    }
    // `client.chat().query(&q)?.create(req)`: request options set between the group and
    // the call. Found, but not rewritten (see below).
    let mut options = None;
    let mut receiver = &*call.receiver;
    if let Expr::Try(t) = receiver {
        receiver = &t.expr;
    }
    if let Expr::MethodCall(m) = receiver {
        if matches!(
            m.method.to_string().as_str(),
            "query" | "header" | "headers"
        ) {
            options = Some(m.method.to_string());
            receiver = &m.receiver;
        }
    }
    if options.is_none() {
        receiver = &call.receiver;
    }
    let Expr::MethodCall(chat) = receiver else {
        return None;
    };
    // `client.responses().create(..)` is lifted too, as a Responses unit: already migrated
    // code that rules may still check (for reads shaped like chat's).
    let endpoint = match chat.method.to_string().as_str() {
        "chat" => Endpoint::ChatCompletions,
        "responses" if method != "create_byot" => Endpoint::Responses,
        _ => return None,
    };
    if !chat.args.is_empty() {
        return None;
    }
    let request_type = match endpoint {
        Endpoint::ChatCompletions => "CreateChatCompletionRequest",
        _ => "CreateResponse",
    };
    let call_span = span_of(call);
    let arg = &call.args[0];
    let mut unseen = Vec::new();
    let mut unfixable = Vec::new();
    if let Some(options) = options {
        unfixable.push(format!(
            "the call sets request options with `.{options}(..)` between `.chat()` and `.create(..)`; move them to the Responses call by hand"
        ));
    }

    // The request: a builder chain, here or in a `let` before the call.
    let mut request_expr = arg;
    let mut request_var = None;
    if let Some(name) = values::ident(arg) {
        if let Some(init) = body.init_of(&name, call_span.start) {
            request_expr = init;
            request_var = Some(name);
        }
    }
    let mut request = values::chain(request_expr)
        .filter(|c| c.type_name == format!("{request_type}Args") && c.build.is_some())
        .or_else(|| {
            mutable_builder(
                body,
                request_expr,
                &format!("{request_type}Args"),
                text,
                &mut unseen,
            )
        });
    let bound_lets = request
        .as_mut()
        .map(|chain| bind_values(body, chain, text))
        .unwrap_or_default();
    // A parameter typed as the request (`request: CreateChatCompletionRequest`) says so too.
    let typed_parameter = values::ident(arg)
        .and_then(|name| body.param(&name))
        .is_some_and(|(ty, _)| match ty {
            syn::Type::Reference(r) => matches!(&*r.elem, syn::Type::Path(p) if p.path.segments.last().is_some_and(|l| l.ident == request_type)),
            syn::Type::Path(p) => p
                .path
                .segments
                .last()
                .is_some_and(|l| l.ident == request_type),
            _ => false,
        });
    // `match schema { true => builder.response_format(..).build()?, false => builder.build()? }`
    // in a file that names the builder: a chat request, built where the fix cannot follow.
    let built_in_arms = request.is_none()
        && text.contains(&format!("{request_type}Args"))
        && arms_end_in_build(request_expr);
    if built_in_arms {
        unfixable.push(
            "the request is built in the branches of a `match` or `if`; responsify rewrites builder chains it can follow to one place".into(),
        );
    }
    let is_chat_request = request.is_some()
        || typed_parameter
        || built_in_arms
        || matches!(request_expr, Expr::Struct(s) if s.path.segments.last().is_some_and(|l| l.ident == request_type));
    if endpoint == Endpoint::Responses && request.is_none() {
        return None;
    }

    let client = tracer.trace(body, &chat.receiver);
    let judged = match client {
        Client::NotOurs => return None,
        // A `chat()` on something responsify cannot trace, given no chat request: not
        // provably async-openai.
        Client::Judged(j)
            if j.untraced.is_some() && !is_chat_request && method != "create_byot" =>
        {
            return None;
        }
        Client::Judged(j) => j,
    };

    let byot_body = (method == "create_byot")
        .then(|| json_macro(body, arg))
        .flatten();
    let (body_value, hidden) = match (&request, request_expr) {
        (None, _) if byot_body.is_some() => (
            byot_body
                .clone()
                .unwrap_or_else(|| Value::map(Vec::<(String, Value)>::new())),
            false,
        ),
        (Some(chain), _) => (chain.to_map(), false),
        (None, Expr::Struct(_)) => {
            unfixable.push(
                "the request is a `CreateChatCompletionRequest` literal; responsify rewrites builder chains".into(),
            );
            (values::lift(request_expr), false)
        }
        (None, _) => {
            let at = span_of(arg);
            if !built_in_arms {
                unfixable.push(if method == "create_byot" {
                format!(
                    "`create_byot` is given `{}`, not a `json!` chat body with `model` and `messages`",
                    snippet(&text[at.start..at.end])
                )
            } else {
                format!(
                    "the request `{}` is built where responsify cannot see it",
                    snippet(&text[at.start..at.end])
                )
            });
            }
            (
                Value {
                    kind: Kind::Map(Vec::new()),
                    span: Some(at),
                },
                true,
            )
        }
    };
    let mut body_value = body_value;

    // The message list: each builder-made message lifts to a message map.
    let mut messages = None;
    if let Some(chain) = &request {
        if let Some(setter) = chain.setters.iter().find(|s| s.name == "messages") {
            let list = find_messages_list(body, request_expr, setter, text, &mut unfixable);
            if let Some((list_span, items)) = list {
                let value = Value {
                    kind: Kind::List(items.iter().map(message_value).collect()),
                    span: Some(list_span),
                };
                if let Kind::Map(entries) = &mut body_value.kind {
                    if let Some(e) = entries.iter_mut().find(|e| e.key == "messages") {
                        e.value = value;
                    }
                }
                messages = Some((list_span, items));
            }
        }
    }
    if let Some((_, items)) = &messages {
        for item in items {
            if (item.chain.is_none() && item.text.is_none()) || item.role.is_none() {
                let at = item.span;
                unfixable.push(format!(
                    "the message `{}` is not built with a message builder, so responsify cannot write it as a Responses input item",
                    snippet(&text[at.start..at.end])
                ));
            }
            // Content made of chat types (content parts) does not convert into Responses
            // content; text (`&str`, `String`) does.
            let chat_typed = item.chain.iter().flat_map(|c| &c.setters).find(|s| {
                s.value
                    .span
                    .is_some_and(|v| text[v.start..v.end].contains("ChatCompletion"))
            });
            let chat_text = item
                .text
                .filter(|t| text[t.start..t.end].contains("ChatCompletion"));
            if chat_text.is_some() {
                unfixable.push(
                    "a message's content is built from Chat Completions types, which responsify cannot write as Responses content".into(),
                );
            }
            if let Some(setter) = chat_typed {
                unfixable.push(format!(
                    "a message's `{}` is built from Chat Completions types, which responsify cannot write as Responses content",
                    setter.name
                ));
            }
        }
    }
    // A parameter given as a typed value (`ServiceTier::Auto`, `SomeStruct { .. }`) that no
    // rule rewrites keeps its chat type, which may not be the type Responses expects: the
    // rewrite might not compile, so it is only shown.
    if let Some(chain) = &request {
        for setter in &chain.setters {
            let Some(at) = setter.value.span else {
                continue;
            };
            let source = &text[at.start..at.end];
            let typed = source.split("::").count() > 1
                && source
                    .split("::")
                    .any(|seg| seg.trim_start().starts_with(char::is_uppercase));
            if matches!(setter.value.kind, Kind::Opaque)
                && typed
                && !matches!(
                    setter.name.as_str(),
                    "messages" | "tools" | "response_format"
                )
            {
                unfixable.push(format!(
                    "`{}` is given `{}`, a chat type that may differ from the Responses one",
                    setter.name,
                    snippet(source)
                ));
            }
        }
    }

    // Other uses of the request variable may depend on its type.
    if let Some(name) = &request_var {
        if let Some(local) = body.local_before(name, call_span.start) {
            let others = other_mentions(body, name, local.stmt.end, call_span, text);
            unseen.extend(others);
        }
    }

    // The response: followed through its binding.
    let stream = method == "create_stream";
    let mut reads_found = Vec::new();
    let mut stream_iterated = Vec::new();
    let mut via_choice = Vec::new();
    let mut choice_loops = Vec::new();
    let mut result_types = Vec::new();
    let mut typed_binding = None;
    // Set when other files of the crate may call the function: the run follows them.
    let mut handed = None;
    // A response the function returns whole: its callers in the file read it.
    let mut follow_callers = |reads_found: &mut Vec<crate::model::Read>,
                              unseen: &mut Vec<String>,
                              unfixable: &mut Vec<String>,
                              choice_loops: &mut Vec<(Span, Span)>| {
        let followed = callers::follow(bodies, callers, body, text);
        reads_found.extend(followed.reads);
        unseen.extend(followed.unseen);
        unfixable.extend(followed.unfixable);
        choice_loops.extend(followed.choice_loops);
        result_types = followed.result_types;
        handed = followed.handed;
    };
    if method == "create_byot" {
        // The reply is deserialized into whatever type the caller names, and nothing here
        // rewrites that type: a Chat type left in place compiles, then fails on every reply.
        // So any `create_byot` is held, whatever its request is made of.
        unseen.push(match byot_result_type(body, call, call_span, text) {
            Some(ty) => format!(
                "`create_byot` reads its result as `{ty}`, a Chat Completions type that a Responses reply does not deserialize into; write it as `responses::Response` with every read"
            ),
            None => "`create_byot` returns a type of your own: it must read a Responses result".into(),
        });
    }
    let statement = if method == "create_byot" {
        // The result is whatever type the caller asked for: nothing to follow.
        None
    } else {
        Some(body.statement_holding(call_span))
    };
    match statement.flatten() {
        Some(syn::Stmt::Local(local))
            if local
                .init
                .as_ref()
                .is_some_and(|i| result_of(&i.expr, call_span)) =>
        {
            // `let response: CreateChatCompletionResponse = ..`: bound like a plain `let`,
            // and its type becomes the Responses one.
            let bound = match &local.pat {
                syn::Pat::Ident(p) => Some((p, None)),
                syn::Pat::Type(t) => match (&*t.pat, callers::written_chat_response(&t.ty)) {
                    (syn::Pat::Ident(p), Some(at)) if !stream => Some((p, Some(at))),
                    _ => None,
                },
                _ => None,
            };
            match &local.pat {
                _ if bound.is_some() => {
                    let (p, typed) = bound.expect("matched");
                    typed_binding = typed;
                    let name = p.ident.to_string();
                    if stream {
                        let uses = stream::analyze(body, &name, span_of(local).end, text);
                        reads_found = uses.reads;
                        unseen.extend(uses.unseen);
                        stream_iterated = uses.iterated;
                        via_choice = uses.via_choice;
                    } else {
                        let returns = reads::return_positions(body, &name);
                        let uses = reads::analyze_returning(
                            body,
                            &name,
                            span_of(local).end,
                            &returns,
                            text,
                        );
                        reads_found = uses.reads;
                        unseen.extend(uses.unseen);
                        choice_loops = uses.choice_loops;
                        if !uses.returned.is_empty() && endpoint == Endpoint::ChatCompletions {
                            follow_callers(
                                &mut reads_found,
                                &mut unseen,
                                &mut unfixable,
                                &mut choice_loops,
                            );
                        }
                    }
                }
                syn::Pat::Type(t) => {
                    let at = span_of(&*t.ty);
                    unfixable.push(format!(
                        "the response's type is written out (`{}`), and the Responses result has another",
                        &text[at.start..at.end]
                    ));
                }
                _ => unseen.push("the response is destructured".into()),
            }
        }
        Some(syn::Stmt::Expr(e, Some(_))) if result_of(e, call_span) => {
            // The result is dropped: nothing reads it.
        }
        // `client.chat().create(request).await` (or `Ok(..await?)`) as the function's
        // tail: its callers get the response (or the `Result` holding it).
        Some(stmt @ syn::Stmt::Expr(e, None))
            if !stream
                && endpoint == Endpoint::ChatCompletions
                && (result_of(e, call_span)
                    || ok_of(e).is_some_and(|inner| result_of(inner, call_span)))
                && body
                    .block
                    .stmts
                    .last()
                    .is_some_and(|last| std::ptr::eq(last, stmt)) =>
        {
            follow_callers(
                &mut reads_found,
                &mut unseen,
                &mut unfixable,
                &mut choice_loops,
            );
        }
        Some(stmt) if !stream && matched_result(stmt, call_span).is_some() => {
            // `match client.chat().create(..).await { Ok(response) => .., Err(e) => .. }`
            // and `if let Ok(response) = ..`: the response is the arm's binding.
            for (name, arm) in matched_result(stmt, call_span).unwrap_or_default() {
                let uses = reads::analyze_within(body, &name, arm.start, arm.end, text);
                reads_found.extend(uses.reads);
                unseen.extend(uses.unseen);
                choice_loops.extend(uses.choice_loops);
            }
        }
        _ if statement.is_none() => {}
        _ => unseen.push(format!(
            "the result of the call at line {} is used in place",
            crate::edit::line_col(text, call_span.start).0
        )),
    }

    result_types.extend(typed_binding);
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::ChatCompletions,
            site: Site::SdkCall {
                method: span_of(&chat.method),
                kind: SdkMethod::Create,
            },
            span: call_span,
            body: body_value,
            hidden_keys: hidden,
        },
        Verdict::Migrate,
    );
    judged.apply_to(&mut unit);
    if endpoint == Endpoint::Responses {
        // Only reads shaped like chat's matter on a Responses result; its own reads
        // (`output_text()`) are what the reader cannot name, not what is unseen.
        reads_found.retain(|r| match &r.kind {
            ReadKind::Content | ReadKind::FirstOutputItem => true,
            ReadKind::Unknown(what) => what.contains("choices"),
            _ => false,
        });
        unseen.clear();
        unfixable.clear();
        unit.unseen.clear();
        unit.caveats.clear();
        messages = None;
        if stream {
            reads_found.extend(stream::done_event_names(body.block));
        }
    }
    if endpoint == Endpoint::ChatCompletions {
        unit.responses_branch = fallback::responses_branch_before(body.block, call_span, text);
    }
    if endpoint != Endpoint::Responses {
        // A chat result has no `output`: a read of it is nothing responsify can map.
        for read in &mut reads_found {
            if read.kind == ReadKind::FirstOutputItem {
                read.kind = ReadKind::Unknown(snippet(&text[read.span.start..read.span.end]));
            }
        }
    }
    unit.request.endpoint = endpoint;
    unit.reads = reads_found;
    unit.unseen.extend(unseen);
    unit.unfixable = unfixable;
    unit.leaves_through.extend(handed);
    Some(SiteInfo {
        unit,
        chat: span_of(&chat.method),
        request,
        messages,
        json_body: byot_body,
        url_path: None,
        stream_iterated,
        via_choice,
        choice_loops,
        bound_lets,
        result_types,
    })
}

/// The Chat Completions type a `create_byot` call's result is written as: in its turbofish
/// (`create_byot::<_, CreateChatCompletionResponse>(..)`) or in the type of the `let` it
/// initializes (`let res: Result<CreateChatCompletionResponse, _> = ..`).
fn byot_result_type(
    body: &FnBody,
    call: &syn::ExprMethodCall,
    call_span: Span,
    text: &str,
) -> Option<String> {
    let chat_type = |at: Span| {
        let written = &text[at.start..at.end];
        written.contains("ChatCompletion").then(|| snippet(written))
    };
    if let Some(turbofish) = &call.turbofish {
        if let Some(ty) = turbofish.args.iter().find_map(|a| chat_type(span_of(a))) {
            return Some(ty);
        }
    }
    match body.statement_holding(call_span)? {
        syn::Stmt::Local(local)
            if local
                .init
                .as_ref()
                .is_some_and(|i| result_of(&i.expr, call_span)) =>
        {
            match &local.pat {
                syn::Pat::Type(t) => chat_type(span_of(&*t.ty)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `client.chat().list() / retrieve(id) / update(id, ..) / delete(id) / messages(id)`:
/// async-openai's stored chat completions API, held back for `stored-completions` (a
/// client that is not OpenAI's keeps its own verdict).
fn stored_site(
    tracer: &classify::Tracer,
    body: &FnBody,
    call: &syn::ExprMethodCall,
    text: &str,
) -> Option<SiteInfo> {
    let method = call.method.to_string();
    if !matches!(
        method.as_str(),
        "list" | "retrieve" | "update" | "delete" | "messages"
    ) {
        return None;
    }
    let Expr::MethodCall(chat) = &*call.receiver else {
        return None;
    };
    if chat.method != "chat" || !chat.args.is_empty() {
        return None;
    }
    let judged = match tracer.trace(body, &chat.receiver) {
        Client::NotOurs => return None,
        Client::Judged(j) => j,
    };
    let path = Span::new(span_of(&chat.method).start, span_of(&call.method).end);
    let mut site = url_site(span_of(call), Verdict::Migrate);
    site.unit.request.site = Site::SdkCall {
        method: path,
        kind: SdkMethod::Create,
    };
    site.unit.verdict = judged.held_for(
        Hold::StoredCompletions,
        crate::classify::stored_completions_reason(&text[path.start..path.end]),
    );
    Some(site)
}

/// `BatchEndpoint::V1ChatCompletions` wherever it is written.
fn chat_batch_endpoints(file: &syn::File) -> Vec<Span> {
    use syn::visit::Visit;
    struct Find(Vec<Span>);
    impl<'a> Visit<'a> for Find {
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            if values::path_ends(
                &Expr::Path(p.clone()),
                &["BatchEndpoint", "V1ChatCompletions"],
            ) {
                self.0.push(span_of(p));
            }
        }
    }
    let mut find = Find(Vec::new());
    find.visit_file(file);
    find.0
}

/// The bindings of `Ok(name)` patterns that take the call's result apart, with the span
/// each binding is visible in (the arm's body, or the `if let`'s block).
fn matched_result(stmt: &syn::Stmt, call: Span) -> Option<Vec<(String, Span)>> {
    use syn::visit::Visit;
    struct Find {
        call: Span,
        found: Option<Vec<(String, Span)>>,
    }
    fn ok_binding(pat: &syn::Pat) -> Option<String> {
        let syn::Pat::TupleStruct(ok) = pat else {
            return None;
        };
        if !ok.path.is_ident("Ok") || ok.elems.len() != 1 {
            return None;
        }
        match &ok.elems[0] {
            syn::Pat::Ident(p) => Some(p.ident.to_string()),
            _ => None,
        }
    }
    impl<'a> Visit<'a> for Find {
        fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
            if result_of(&m.expr, self.call) {
                self.found = Some(
                    m.arms
                        .iter()
                        .filter_map(|arm| ok_binding(&arm.pat).map(|n| (n, span_of(&*arm.body))))
                        .collect(),
                );
                return;
            }
            syn::visit::visit_expr_match(self, m);
        }
        fn visit_expr_if(&mut self, e: &'a syn::ExprIf) {
            if let Expr::Let(binding) = &*e.cond {
                if result_of(&binding.expr, self.call) {
                    if let Some(name) = ok_binding(&binding.pat) {
                        self.found = Some(vec![(name, span_of(&e.then_branch))]);
                        return;
                    }
                }
            }
            syn::visit::visit_expr_if(self, e);
        }
    }
    let mut find = Find { call, found: None };
    find.visit_stmt(stmt);
    find.found
}

/// The `json!` object an argument is, directly or through a `let`.
fn json_macro(body: &FnBody, arg: &Expr) -> Option<Value> {
    let mut expr = arg;
    while let Expr::Reference(r) = expr {
        expr = &r.expr;
    }
    if let Some(name) = values::ident(expr) {
        expr = body.init_of(&name, span_of(expr).start)?;
    }
    let Expr::Macro(m) = expr else { return None };
    if m.mac.path.segments.last().is_none_or(|s| s.ident != "json") {
        return None;
    }
    let value = raw::lift_json(m.mac.tokens.clone())?;
    // A chat body, or one that may be a Responses body (the URL decides which).
    let is_request = value.get("model").is_some()
        && (value.get("messages").and_then(Value::as_list).is_some()
            || value.get("input").is_some());
    is_request.then_some(value)
}

/// `X.post(URL)....json(&json!({..}))`: a chat body sent over raw HTTP.
fn raw_site(body: &FnBody, call: &syn::ExprMethodCall, text: &str) -> Option<SiteInfo> {
    if call.method != "json" || call.args.len() != 1 {
        return None;
    }
    let json = json_macro(body, &call.args[0])?;
    // The URL: the argument of `.post(..)` further down the chain.
    let mut at = &*call.receiver;
    let mut url = None;
    while let Expr::MethodCall(m) = at {
        if m.method == "post" && m.args.len() == 1 {
            url = Some(&m.args[0]);
            break;
        }
        at = &m.receiver;
    }
    let call_span = span_of(call);
    let mut unit_url = None;
    let mut base_url = None;
    let mut endpoint = Endpoint::ChatCompletions;
    let verdict = match url.map(|u| (u, values::lift(u))) {
        Some((
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }),
            _,
        )) => match raw::judge(lit) {
            raw::Url::OpenAiChat(path) => {
                unit_url = Some(path);
                Verdict::Migrate
            }
            raw::Url::OpenAiResponses => {
                endpoint = Endpoint::Responses;
                Verdict::Migrate
            }
            raw::Url::OtherServer(u) => match crate::classify::url_kind(&u) {
                crate::classify::UrlKind::AzureDeployments => Verdict::hold(
                    Hold::AzureDatedApiVersion,
                    format!("the request goes to Azure's deployment-routed {u:?}"),
                ),
                _ => {
                    base_url = Some(u.clone());
                    Verdict::hold(
                        Hold::OtherServer,
                        format!("the request goes to {u:?}, another server"),
                    )
                }
            },
            raw::Url::Other => return None,
        },
        Some((u, _)) => {
            let at = span_of(u);
            Verdict::hold(
                Hold::UnprovenServer,
                format!(
                    "the request goes to `{}`, a URL responsify cannot read",
                    snippet(&text[at.start..at.end])
                ),
            )
        }
        None => Verdict::hold(
            Hold::UnprovenServer,
            "the request's URL is set where responsify cannot see it",
        ),
    };
    if endpoint == Endpoint::ChatCompletions
        && json.get("messages").and_then(Value::as_list).is_none()
    {
        // Not a chat body; to another server, nothing responsify reviews either.
        return None;
    }
    let mut unit = Unit::new(
        Request {
            endpoint,
            site: Site::Body,
            span: call_span,
            body: json.clone(),
            hidden_keys: false,
        },
        verdict,
    );
    unit.base_url = base_url;
    // The HTTP response is parsed by hand; responsify does not follow it. Fixing residue in a
    // body already sent to Responses does not change the reply, so only chat bodies care.
    let fn_text = &text[span_of(body.block).start..span_of(body.block).end];
    let parsed_as_chat = fn_text.contains("\"choices\"") || fn_text.contains(".choices");
    match endpoint {
        Endpoint::ChatCompletions if parsed_as_chat => unit.unfixable.push(
            "the HTTP response is parsed as Chat Completions JSON (`choices`) here; a Responses result has `output` items instead".into(),
        ),
        Endpoint::ChatCompletions => unit
            .unseen
            .push("the HTTP response is parsed elsewhere, as Chat Completions JSON or not".into()),
        _ => {}
    }
    Some(SiteInfo {
        unit,
        chat: Span::new(call_span.start, call_span.start),
        request: None,
        messages: None,
        json_body: Some(json),
        url_path: unit_url,
        stream_iterated: Vec::new(),
        via_choice: Vec::new(),
        choice_loops: Vec::new(),
        bound_lets: Vec::new(),
        result_types: Vec::new(),
    })
}

/// The Chat Completions URLs of a file: those it calls, and those its HTTP mocks answer.
struct ChatUrls {
    called: Vec<(String, Span)>,
    mocked: Vec<Span>,
}

/// A method chain that registers an HTTP mock's answer: wiremock's `Mock::given(..).and(
/// path("/v1/chat/completions"))…` or mockito's `server.mock("POST", "/v1/chat/completions")`.
fn is_http_mock(call: &syn::ExprMethodCall) -> bool {
    if call.method == "mock" {
        return true;
    }
    let mut root = &*call.receiver;
    while let syn::Expr::MethodCall(inner) = root {
        root = &inner.receiver;
    }
    let syn::Expr::Call(given) = root else {
        return false;
    };
    let syn::Expr::Path(path) = &*given.func else {
        return false;
    };
    let names: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    names.ends_with(&["Mock".to_string(), "given".to_string()])
}

/// String literals that name the chat endpoint, anywhere in the file (macros included).
fn chat_urls(file: &syn::File) -> ChatUrls {
    use syn::visit::Visit;
    struct Urls {
        called: Vec<(String, Span)>,
        mocked: Vec<Span>,
        /// Inside an HTTP mock's chain.
        in_mock: bool,
    }
    fn scan(tokens: proc_macro2::TokenStream, out: &mut Vec<(String, Span)>) {
        let mut after_pound = false;
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        if crate::classify::names_chat_endpoint(&s.value()) {
                            out.push((s.value(), values::token_span(l.span())));
                        }
                    }
                }
                // `#[doc = ".."]` inside a macro call: documentation, not a URL in use.
                proc_macro2::TokenTree::Group(g)
                    if after_pound && g.delimiter() == proc_macro2::Delimiter::Bracket => {}
                proc_macro2::TokenTree::Group(g) => scan(g.stream(), out),
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '#' => {
                    after_pound = true;
                    continue;
                }
                _ => {}
            }
            after_pound = false;
        }
    }
    impl<'a> Visit<'a> for Urls {
        fn visit_lit_str(&mut self, lit: &'a syn::LitStr) {
            if crate::classify::names_chat_endpoint(&lit.value()) {
                if self.in_mock {
                    self.mocked.push(span_of(lit));
                } else {
                    self.called.push((lit.value(), span_of(lit)));
                }
            }
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            scan(mac.tokens.clone(), &mut self.called);
        }
        // Doc comments and attributes describe the endpoint; they do not call it. Nor do a
        // route an attribute declares (`#[post("/v1/chat/completions")]`), a pattern a server
        // matches the request path with, or a route it registers (`.route("/v1/...", post(h))`).
        fn visit_attribute(&mut self, _: &'a syn::Attribute) {}
        fn visit_pat(&mut self, _: &'a syn::Pat) {}
        fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
            if !self.in_mock && is_http_mock(call) {
                self.in_mock = true;
                syn::visit::visit_expr_method_call(self, call);
                self.in_mock = false;
                return;
            }
            if call.method == "route" || call.method == "nest" {
                self.visit_expr(&call.receiver);
                for arg in call.args.iter().skip(1) {
                    self.visit_expr(arg);
                }
                return;
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut urls = Urls {
        called: Vec::new(),
        mocked: Vec::new(),
        in_mock: false,
    };
    urls.visit_file(file);
    ChatUrls {
        called: urls.called,
        mocked: urls.mocked,
    }
}

/// A site for a string that names the endpoint (a URL, a batch endpoint, a mock), judged `verdict`.
fn url_site(at: Span, verdict: Verdict) -> SiteInfo {
    let unit = Unit::named_endpoint(at, verdict);
    SiteInfo {
        unit,
        chat: Span::new(at.start, at.start),
        request: None,
        messages: None,
        json_body: None,
        url_path: None,
        stream_iterated: Vec::new(),
        via_choice: Vec::new(),
        choice_loops: Vec::new(),
        bound_lets: Vec::new(),
        result_types: Vec::new(),
    }
}

fn snippet(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(59).collect::<String>())
    } else {
        s
    }
}

/// Mentions of the request variable other than the call itself: identifiers in the code
/// and in macro tokens (string literals are not identifiers, so prose does not count).
fn other_mentions(body: &FnBody, name: &str, after: usize, call: Span, text: &str) -> Vec<String> {
    use syn::visit::Visit;
    struct Idents<'n> {
        name: &'n str,
        found: Vec<usize>,
    }
    fn scan(tokens: proc_macro2::TokenStream, name: &str, found: &mut Vec<usize>) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(i) if i == name => {
                    found.push(values::token_span(i.span()).start)
                }
                proc_macro2::TokenTree::Group(g) => scan(g.stream(), name, found),
                _ => {}
            }
        }
    }
    impl<'a> Visit<'a> for Idents<'_> {
        fn visit_ident(&mut self, i: &'a proc_macro2::Ident) {
            if i == self.name {
                self.found.push(values::token_span(i.span()).start);
            }
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            scan(mac.tokens.clone(), self.name, &mut self.found);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut idents = Idents {
        name,
        found: Vec::new(),
    };
    idents.visit_block(body.block);
    idents
        .found
        .into_iter()
        .filter(|&at| at >= after && !call.contains(Span::new(at, at + name.len())))
        .map(|at| {
            format!(
                "the request `{name}` is also used at line {}",
                crate::edit::line_col(text, at).0
            )
        })
        .collect()
}

/// Setters given a name whose only use is this setter, bound by a `let` (not `mut`) in the
/// same body: a response format built apart from the request. The setter takes the `let`'s
/// value; the `let` statements are returned, for the lowering to remove with the setter.
fn bind_values(body: &FnBody, chain: &mut Chain, text: &str) -> Vec<Span> {
    // A tool made apart (`let tool = ChatCompletionTools::Function(..); .tools(vec![tool])`):
    // the element is the `let`'s value, which its rewrite replaces where it is written.
    for setter in chain.setters.iter_mut().filter(|s| s.name == "tools") {
        let Kind::List(items) = &mut setter.value.kind else {
            continue;
        };
        for item in items.iter_mut() {
            if let Some((value, _)) = bound_value(body, item, text) {
                *item = value;
            }
        }
    }
    let mut lets = Vec::new();
    for setter in chain
        .setters
        .iter_mut()
        .filter(|s| s.name == "response_format")
    {
        if let Some((value, stmt)) = bound_value(body, &setter.value, text) {
            setter.value = value;
            lets.push(stmt);
        }
    }
    lets
}

/// The value a name stands for, when it is a `let` (not `mut`) of this body that nothing
/// but this one use mentions, and the value is a map responsify can read: the lifted value
/// and the `let` statement.
fn bound_value(body: &FnBody, used: &Value, text: &str) -> Option<(Value, Span)> {
    if !matches!(used.kind, Kind::Opaque) {
        return None;
    }
    let at = used.span?;
    let name = &text[at.start..at.end];
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let local = body.local_before(name, at.start)?;
    let init = local.init.filter(|_| !local.mutable)?;
    if !other_mentions(body, name, local.stmt.end, at, text).is_empty() {
        return None;
    }
    let value = values::lift(init);
    matches!(value.kind, Kind::Map(_)).then_some((value, local.stmt))
}

/// The list a `messages(..)` setter is given: a literal, or a `let` holding one.
fn find_messages_list(
    body: &FnBody,
    request: &Expr,
    setter: &values::Setter,
    text: &str,
    unfixable: &mut Vec<String>,
) -> Option<(Span, Vec<MessageItem>)> {
    // The setter's own call, wherever it is (in the chain, or a statement on the builder).
    let arg = body
        .calls
        .iter()
        .find(|c| values::method_span(c) == setter.call && c.args.len() == 1)
        .map(|c| &c.args[0])
        .or_else(|| setter_arg(request, &setter.name))?;
    let mut list_expr = arg;
    if let Some(name) = values::ident(arg) {
        let local = body.local_before(&name, span_of(arg).start);
        match local.and_then(|l| l.init.map(|i| (l, i))) {
            Some((local, init)) => {
                if local.mutable {
                    unfixable.push(format!(
                        "the message list `{name}` is changed after it is made; responsify rewrites lists written in one place"
                    ));
                }
                list_expr = init;
            }
            None => {
                unfixable.push(format!(
                    "the message list `{name}` is made where responsify cannot see it"
                ));
                return None;
            }
        }
    }
    let Some(elements) = values::list_elements(list_expr) else {
        // One built message passed as it is: a list of one.
        let single = values::chain(arg)
            .filter(|c| role_of(&c.type_name).is_some() && c.build.is_some() && c.into.is_none());
        if let (true, Some(chain)) = (std::ptr::eq(list_expr, arg), single) {
            let item = MessageItem {
                span: span_of(arg),
                role: role_of(&chain.type_name),
                chain: Some(chain),
                text: None,
                alone: true,
            };
            return Some((span_of(arg), vec![item]));
        }
        let at = span_of(arg);
        unfixable.push(format!(
            "the message list `{}` is not a list literal",
            snippet(&text[at.start..at.end])
        ));
        return None;
    };
    let list_span = match list_expr {
        Expr::Reference(r) => span_of(&*r.expr),
        other => span_of(other),
    };
    let items = elements
        .iter()
        .map(|e| {
            let chain =
                values::chain(e).filter(|c| role_of(&c.type_name).is_some() && c.build.is_some());
            let mut role = chain.as_ref().and_then(|c| role_of(&c.type_name));
            let mut text = None;
            if chain.is_none() {
                if let Some((r, t)) = enum_message(e) {
                    role = Some(r);
                    text = Some(span_of(t));
                }
            }
            MessageItem {
                span: span_of(e),
                chain,
                role,
                text,
                alone: false,
            }
        })
        .collect();
    Some((list_span, items))
}

/// `let mut args = CreateChatCompletionRequestArgs::default(); args.model(..); ..;
/// args.build()?`: the builder's setter statements, gathered into one chain. Setters in
/// conditionals count like the others (a rename is right on every branch).
fn mutable_builder(
    body: &FnBody,
    request: &Expr,
    type_name: &str,
    text: &str,
    unseen: &mut Vec<String>,
) -> Option<Chain> {
    let mut at = request;
    loop {
        match at {
            Expr::Try(t) => at = &t.expr,
            Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => at = &m.receiver,
            _ => break,
        }
    }
    let Expr::MethodCall(build) = at else {
        return None;
    };
    if build.method != "build" || !build.args.is_empty() {
        return None;
    }
    let name = values::ident(&build.receiver)?;
    let build_at = span_of(build);
    let local = body.local_before(&name, build_at.start)?;
    let mut chain =
        values::chain(local.init?).filter(|c| c.type_name == type_name && c.build.is_none())?;
    // Setter calls on the builder between its `let` and its `build()`.
    let mut chains = 0;
    for call in &body.calls {
        let call_at = span_of(*call);
        if call_at.start < local.stmt.end || call_at.end > build_at.start || call.method == "build"
        {
            continue;
        }
        let mut root = &*call.receiver;
        while let Expr::MethodCall(inner) = root {
            root = &inner.receiver;
        }
        if values::ident(root).as_deref() != Some(name.as_str())
            || matches!(root, Expr::Reference(_))
        {
            continue;
        }
        if matches!(&*call.receiver, Expr::Path(_)) {
            chains += 1;
        }
        let call_span = values::method_span(call);
        // A statement that is only this call goes whole, with its line; a call inside a
        // longer chain goes from the end of what precedes it.
        let receiver_end = span_of(&*call.receiver).end;
        let statement = body
            .statement_holding(call_at)
            .filter(|s| matches!(s, syn::Stmt::Expr(e, Some(_)) if span_of(e) == call_at))
            .map(span_of);
        let remove = match statement {
            Some(stmt) if matches!(&*call.receiver, Expr::Path(_)) => {
                let line_start = text[..stmt.start].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..stmt.start].trim().is_empty() && line_start > 0 {
                    // The line break before it goes too, whole: `\r\n` in a CRLF file.
                    let crlf = text[..line_start - 1].ends_with('\r');
                    Span::new(line_start - 1 - usize::from(crlf), stmt.end)
                } else {
                    stmt
                }
            }
            _ => Span::new(receiver_end, call_span.end),
        };
        chain.setters.push(values::Setter {
            name: call.method.to_string(),
            key: span_of(&call.method),
            call: call_span,
            after_previous: remove,
            value: match call.args.len() {
                1 => values::lift(&call.args[0]),
                _ => Value {
                    kind: Kind::Opaque,
                    span: Some(call_span),
                },
            },
            conditional: body.depth(call_at) > body.depth(local.stmt),
        });
    }
    chain.setters.sort_by_key(|s| s.call.start);
    // The builder used in any other way (passed on, cloned) may be configured elsewhere.
    let mentions = other_mentions(body, &name, local.stmt.end, build_at, text);
    if mentions.len() > chains {
        unseen.push(format!(
            "the builder `{name}` is used other than by its setters"
        ));
    }
    chain.build = Some(values::method_span(build));
    chain.statements = Some((name, local.stmt.end));
    Some(chain)
}

/// A message written without a builder: `ChatCompletionRequestMessage::User(text.into())`,
/// `ChatCompletionRequestMessage::System(ChatCompletionRequestSystemMessage::from(text))` or
/// `ChatCompletionRequestUserMessage::from(text).into()`. Gives the role and the text.
fn enum_message(expr: &Expr) -> Option<(&'static str, &Expr)> {
    fn role_of_variant(name: &str) -> Option<&'static str> {
        Some(match name {
            "User" => "user",
            "System" => "system",
            "Developer" => "developer",
            "Assistant" => "assistant",
            _ => return None,
        })
    }
    /// `ChatCompletionRequest{Role}Message::from(text)`
    fn from_call(expr: &Expr) -> Option<(&'static str, &Expr)> {
        let Expr::Call(call) = expr else { return None };
        let Expr::Path(func) = &*call.func else {
            return None;
        };
        let names: Vec<String> = func
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let [.., ty, from] = names.as_slice() else {
            return None;
        };
        let variant = ty
            .strip_prefix("ChatCompletionRequest")?
            .strip_suffix("Message")?;
        if from != "from" || call.args.len() != 1 {
            return None;
        }
        role_of_variant(variant).map(|r| (r, &call.args[0]))
    }
    match expr {
        Expr::MethodCall(m) if m.method == "into" && m.args.is_empty() => from_call(&m.receiver),
        Expr::Call(call) if call.args.len() == 1 => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let names: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let [.., ty, variant] = names.as_slice() else {
                return None;
            };
            if ty != "ChatCompletionRequestMessage" {
                return None;
            }
            let role = role_of_variant(variant)?;
            match &call.args[0] {
                Expr::MethodCall(m) if m.method == "into" && m.args.is_empty() => {
                    Some((role, &*m.receiver))
                }
                other => from_call(other).filter(|(r, _)| *r == role),
            }
        }
        _ => None,
    }
}

/// The argument of the setter `name` in a builder chain expression.
fn setter_arg<'e>(expr: &'e Expr, name: &str) -> Option<&'e Expr> {
    let mut at = expr;
    loop {
        match at {
            Expr::MethodCall(m) if m.method == name && m.args.len() == 1 => {
                return Some(&m.args[0])
            }
            Expr::MethodCall(m) => at = &m.receiver,
            Expr::Try(t) => at = &t.expr,
            Expr::Paren(p) => at = &p.expr,
            _ => return None,
        }
    }
}

/// A message as the rules see it: its role and its setters.
fn message_value(item: &MessageItem) -> Value {
    if let (Some(role), Some(content)) = (item.role, item.text) {
        return Value {
            kind: Kind::Map(vec![
                crate::model::Entry {
                    key: "role".into(),
                    key_span: None,
                    value: Value::str(role),
                    span: None,
                },
                crate::model::Entry {
                    key: "content".into(),
                    key_span: None,
                    value: Value {
                        kind: Kind::Opaque,
                        span: Some(content),
                    },
                    span: None,
                },
            ]),
            span: Some(item.span),
        };
    }
    match (&item.chain, item.role) {
        (Some(chain), Some(role)) => {
            let mut map = chain.to_map();
            if let Kind::Map(entries) = &mut map.kind {
                entries.insert(
                    0,
                    crate::model::Entry {
                        key: "role".into(),
                        key_span: None,
                        value: Value::str(role),
                        span: None,
                    },
                );
            }
            map.span = Some(item.span);
            map
        }
        _ => Value {
            kind: Kind::Opaque,
            span: Some(item.span),
        },
    }
}

/// What a crate's source file does with async-openai, for its manifest's checks. `within`
/// is the file's path and the crate's files: a helper that returns the response to other
/// modules is rewritten only when their reads are, which the crate's files show.
pub fn source_use(
    text: &str,
    within: Option<(&std::path::Path, &std::sync::Arc<crate::project::Project>)>,
) -> super::cargo::SourceUse {
    let Ok(sites) = analyze(text) else {
        return Default::default();
    };
    let chat_to_migrate = sites
        .iter()
        .filter(|s| matches!(s.unit.verdict, Verdict::Migrate))
        .filter(|s| s.unit.request.endpoint == Endpoint::ChatCompletions)
        .count();
    // Which of those a `check --fix` run rewrites: the engine's own verdict on each call's
    // fix (held, display-only, blocked by a rule that cannot write its part). The feature
    // follows the rewrite, so a crate whose calls all stay keeps its manifest. The
    // crate's version note is left out on purpose: the manifest reports the version itself.
    let (mut safe, mut unsafe_) = (0, 0);
    if chat_to_migrate > 0 {
        let mut settings = crate::settings::Settings::default();
        if let Some((path, project)) = within {
            settings.path = Some(path.to_path_buf());
            settings.project = Some(std::sync::Arc::clone(project));
        }
        if let Ok(analysis) = crate::engine::analyze(&RUST, text, &settings) {
            for finding in analysis
                .findings
                .iter()
                .filter(|f| f.diagnostic.rule == "chat-completions-request")
            {
                match finding.status {
                    crate::engine::FixStatus::Safe => safe += 1,
                    crate::engine::FixStatus::Unsafe => unsafe_ += 1,
                    _ => {}
                }
            }
        }
    }
    super::cargo::SourceUse {
        chat_to_migrate,
        rewritten_safe: safe,
        rewritten_unsafe: unsafe_,
        responses: text.contains(".responses()"),
    }
}

#[cfg(test)]
mod tests;

/// Whether every branch of a `match` or `if` ends in a builder's `.build()` (with `?` or
/// not), so the value is a built request.
fn arms_end_in_build(expr: &Expr) -> bool {
    fn ends_in_build(expr: &Expr) -> bool {
        match expr {
            Expr::Try(t) => ends_in_build(&t.expr),
            Expr::MethodCall(m) => m.method == "build",
            Expr::Block(b) => b.block.stmts.last().is_some_and(|s| match s {
                syn::Stmt::Expr(e, None) => ends_in_build(e),
                _ => false,
            }),
            Expr::Match(_) | Expr::If(_) => arms_end_in_build(expr),
            Expr::Paren(p) => ends_in_build(&p.expr),
            _ => false,
        }
    }
    match expr {
        Expr::Match(m) => !m.arms.is_empty() && m.arms.iter().all(|arm| ends_in_build(&arm.body)),
        Expr::If(i) => {
            let then = i.then_branch.stmts.last().is_some_and(|s| match s {
                syn::Stmt::Expr(e, None) => ends_in_build(e),
                _ => false,
            });
            then && i
                .else_branch
                .as_ref()
                .is_some_and(|(_, e)| ends_in_build(e))
        }
        _ => false,
    }
}
