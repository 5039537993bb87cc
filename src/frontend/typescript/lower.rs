//! Lowering model changes into TypeScript/JavaScript source edits.
//!
//! New values are printed in the file's quote style as object literals (`{ type: "x" }`);
//! values that came from the source are copied as written. Edits nest as in the Python front
//! end: a read rewritten inside an expression that another change copies is applied to the
//! copy. Switching the endpoint also moves what only TypeScript has: type annotations and
//! type imports of the chat request (`ChatCompletionCreateParams` → `ResponseCreateParams`),
//! and the zod helpers (`zodResponseFormat` → `zodTextFormat` under `text.format`,
//! `zodFunction` → `zodResponsesFunction`).

use super::values::{is_identifier, unwrap};
use super::walk::span_of;
use crate::diagnostic::{Change, ReadTarget};
use crate::edit::{indentation_at, line_ending, Edit};
use crate::frontend::containers;
use crate::model::{ContainerKind, Kind, Site, Span, Unit, Value};
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use std::collections::{BTreeMap, HashMap};

/// Chat request types and their Responses twins (all in `openai/resources/responses/responses`).
const TYPE_RENAMES: &[(&str, &str)] = &[
    (
        "ChatCompletionCreateParamsNonStreaming",
        "ResponseCreateParamsNonStreaming",
    ),
    (
        "ChatCompletionCreateParamsStreaming",
        "ResponseCreateParamsStreaming",
    ),
    ("ChatCompletionCreateParams", "ResponseCreateParams"),
    ("ChatCompletionMessageParam", "ResponseInputItem"),
    ("ChatCompletionTool", "FunctionTool"),
];

/// Chat result types and their Responses twins, for the annotations that type a request's
/// result (`const completion: ChatCompletion = await …`).
const RESULT_RENAMES: &[(&str, &str)] = &[
    ("ChatCompletionChunk", "ResponseStreamEvent"),
    ("ChatCompletion", "Response"),
];

/// The chat usage type, for the names that hold a result's usage (`let last: CompletionUsage`).
const USAGE_RENAMES: &[(&str, &str)] = &[("CompletionUsage", "ResponseUsage")];

const RESPONSES_TYPES: &str = "openai/resources/responses/responses";

/// What lowering looks up in the syntax tree, built on first use and kept for every group of
/// the text: walking the whole program once per request made a file's lowering quadratic in
/// its number of requests.
pub struct Derived<'a> {
    program: &'a Program<'a>,
    index: std::cell::OnceCell<super::scope::Index<'a>>,
    /// The URL literal of each raw request, by its body (see `raw::url_literals`).
    urls: std::cell::OnceCell<HashMap<Span, (Span, bool)>>,
    /// By the (unwrapped) span of a declarator's initializer: the type annotations that
    /// declarator gives it, its own and those of `as` / `satisfies` around the value.
    typed_inits: std::cell::OnceCell<HashMap<Span, Vec<Span>>>,
    /// By name: the type annotations of the declarators and parameters that bind it.
    typed_names: std::cell::OnceCell<HashMap<&'a str, Vec<Span>>>,
    /// The file ends multiline objects and arrays with a comma (a fact of the text, which
    /// is the same for every group lowered with this tree).
    trailing_commas: std::cell::OnceCell<bool>,
    /// By the (unwrapped) span of an `if` statement's whole test: its consequent.
    if_tests: std::cell::OnceCell<HashMap<Span, Span>>,
    /// The import declarations whose names a group lowered with this tree drops (see
    /// `Lowering::imports`).
    touched_imports: std::cell::RefCell<Vec<Span>>,
    /// How often each name asked about occurs in the text (see `Derived::word_count`).
    word_counts: std::cell::RefCell<HashMap<String, usize>>,
    /// See `Derived::top_functions`.
    #[allow(clippy::type_complexity)]
    top_functions: std::cell::OnceCell<(Vec<&'a Function<'a>>, HashMap<Span, usize>)>,
}

impl<'a> Derived<'a> {
    pub fn new(program: &'a Program<'a>) -> Self {
        Derived {
            program,
            index: Default::default(),
            urls: Default::default(),
            typed_inits: Default::default(),
            typed_names: Default::default(),
            trailing_commas: Default::default(),
            if_tests: Default::default(),
            touched_imports: Default::default(),
            word_counts: Default::default(),
            top_functions: Default::default(),
        }
    }

    /// The program's top-level functions, and which of them returns each call it returns as
    /// it is: found once per file, where looking through every function for each request's
    /// call was quadratic in a file of many helpers.
    #[allow(clippy::type_complexity)]
    fn top_functions(&self) -> &(Vec<&'a Function<'a>>, HashMap<Span, usize>) {
        self.top_functions.get_or_init(|| {
            let functions: Vec<&Function> = self
                .program
                .body
                .iter()
                .filter_map(|s| match s {
                    Statement::FunctionDeclaration(f) => Some(&**f),
                    Statement::ExportDeclaration(e) => match &e.declaration {
                        Declaration::FunctionDeclaration(f) => Some(&**f),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            let mut returned_by = HashMap::new();
            for (i, f) in functions.iter().enumerate() {
                if let Some(body) = &f.body {
                    let mut spans = Vec::new();
                    returned_calls(&body.statements, &mut spans);
                    for at in spans {
                        returned_by.entry(at).or_insert(i);
                    }
                }
            }
            (functions, returned_by)
        })
    }

    /// How often `word` occurs in the file as a whole identifier, counted once per file: each
    /// request's lowering asks about the same import names, and counting the whole text for
    /// each of them made a file's lowering quadratic in its requests.
    fn word_count(&self, text: &str, word: &str) -> usize {
        if let Some(&n) = self.word_counts.borrow().get(word) {
            return n;
        }
        let n = count_word(text, word);
        self.word_counts.borrow_mut().insert(word.to_string(), n);
        n
    }

    fn if_tests(&self) -> &HashMap<Span, Span> {
        self.if_tests.get_or_init(|| {
            struct Collect(HashMap<Span, Span>);
            impl<'a> super::walk::Visitor<'a> for Collect {
                fn stmt(&mut self, stmt: &'a Statement<'a>) {
                    if let Statement::IfStatement(i) = stmt {
                        self.0.insert(
                            span_of(unwrap(&i.test).span()),
                            span_of(i.consequent.span()),
                        );
                    }
                }
            }
            let mut collect = Collect(HashMap::new());
            super::walk::statements(&mut collect, &self.program.body);
            collect.0
        })
    }

    fn urls(&self) -> &HashMap<Span, (Span, bool)> {
        self.urls.get_or_init(|| {
            let index = self
                .index
                .get_or_init(|| super::scope::Index::build(self.program));
            super::raw::url_literals(index)
        })
    }

    fn typed_inits(&self) -> &HashMap<Span, Vec<Span>> {
        self.typed_inits.get_or_init(|| {
            let mut out: HashMap<Span, Vec<Span>> = HashMap::new();
            collect_declarators(&self.program.body, &mut |d| {
                let Some(init) = &d.init else { return };
                let mut targets = Vec::new();
                if let Some(annotation) = &d.type_annotation {
                    targets.push(span_of(annotation.span));
                }
                // `[...] as ChatCompletionMessageParam[]`, `{...} satisfies ChatCompletionCreateParams`
                let mut e = init;
                loop {
                    match e {
                        Expression::TSAsExpression(x) => {
                            targets.push(span_of(x.type_annotation.span()));
                            e = &x.expression;
                        }
                        Expression::TSSatisfiesExpression(x) => {
                            targets.push(span_of(x.type_annotation.span()));
                            e = &x.expression;
                        }
                        Expression::ParenthesizedExpression(p) => e = &p.expression,
                        _ => break,
                    }
                }
                if !targets.is_empty() {
                    // `const c: ChatCompletion = await create(...)`: the call itself too.
                    let mut awaited = unwrap(init);
                    while let Expression::AwaitExpression(a) = awaited {
                        awaited = unwrap(&a.argument);
                    }
                    if !std::ptr::eq(awaited, unwrap(init)) {
                        out.entry(span_of(awaited.span()))
                            .or_default()
                            .extend(targets.iter().copied());
                    }
                    out.entry(span_of(unwrap(init).span()))
                        .or_default()
                        .extend(targets);
                }
            });
            out
        })
    }

    fn typed_names(&self) -> &HashMap<&'a str, Vec<Span>> {
        self.typed_names.get_or_init(|| {
            let mut out: HashMap<&'a str, Vec<Span>> = HashMap::new();
            collect_declarators(&self.program.body, &mut |d| {
                if let (BindingPattern::BindingIdentifier(id), Some(annotation)) =
                    (&d.id, &d.type_annotation)
                {
                    out.entry(id.name.as_str())
                        .or_default()
                        .push(span_of(annotation.span));
                }
            });
            collect_parameters(&self.program.body, &mut |p| {
                if let (Some(id), Some(annotation)) =
                    (p.pattern.get_binding_identifier(), &p.type_annotation)
                {
                    out.entry(id.name.as_str())
                        .or_default()
                        .push(span_of(annotation.span));
                }
            });
            out
        })
    }
}

/// `'d` is the tree's own lifetime, which may outlive the groups lowered against it.
pub struct Lowering<'a, 'd> {
    text: &'a str,
    units: &'a [&'a Unit],
    program: &'a Program<'a>,
    derived: &'a Derived<'d>,
    quote: char,
    newline: &'static str,
    /// TypeScript (not JavaScript): casts and type imports may be written.
    typescript: bool,
    /// The file ends multiline objects and arrays with a comma (Prettier's default).
    trailing_commas: bool,
    /// Edits made so far; a later copy of their source carries them.
    made: crate::edit::Nested,
    /// Imported names to rename: `(old local name, new name, module of the new name)`.
    renamed_imports: Vec<(String, String, &'static str)>,
}

impl<'a, 'd: 'a> Lowering<'a, 'd> {
    pub fn new(text: &'a str, units: &'a [&'a Unit], derived: &'a Derived<'d>) -> Self {
        let program = derived.program;
        Lowering {
            text,
            units,
            program,
            derived,
            quote: file_quote(text, units),
            newline: line_ending(text),
            typescript: program.source_type.is_typescript(),
            trailing_commas: *derived
                .trailing_commas
                .get_or_init(|| ends_lines_with_commas(text)),
            made: crate::edit::Nested::default(),
            renamed_imports: Vec::new(),
        }
    }

    pub fn lower(mut self, changes: &[Change]) -> Result<Vec<Edit>, String> {
        let removed: Vec<Span> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Remove { span } => Some(*span),
                _ => None,
            })
            .collect();
        let mut inserts: BTreeMap<Span, Vec<(Option<&str>, &Value)>> = BTreeMap::new();
        let mut copying: Vec<&Change> = Vec::new();
        for change in changes {
            match change {
                Change::SwitchEndpoint => {
                    for unit in self.units {
                        match unit.request.site {
                            Site::SdkCall { method, .. } => {
                                self.made.push(Edit::replace(method, "responses"))
                            }
                            Site::Body => self.switch_url(unit)?,
                            // The call is in another file; only its reads are here.
                            Site::Elsewhere => continue,
                            Site::BatchCreation { endpoint } => {
                                self.made.push(Edit::replace(endpoint, "responses"));
                                continue;
                            }
                            // A Batch line built in code, and its batch's `endpoint`.
                            Site::Http { url, endpoint } => {
                                let url = url.ok_or("the line's URL has no literal to rewrite")?;
                                self.made.push(Edit::replace(url, "responses"));
                                if let Some(endpoint) = endpoint {
                                    self.made.push(Edit::replace(endpoint, "responses"));
                                }
                                continue;
                            }
                            Site::BatchLine { .. } => {
                                return Err(
                                    "a site of another front end in TypeScript source".into()
                                )
                            }
                        }
                        self.retype(unit);
                        self.retype_result(unit)?;
                    }
                }
                Change::RenameKey { key, to } if to == "text_format" => {
                    self.zod_format(*key, changes)?
                }
                Change::RenameKey { key, to } => {
                    let written = &self.text[key.start..key.end];
                    let shorthand = self.units.iter().any(|u| {
                        find_entry(&u.request.body, *key).is_some_and(|e| e.span == Some(*key))
                    });
                    let new = match written.chars().next() {
                        Some(q @ ('"' | '\'')) => format!("{q}{to}{q}"),
                        _ if shorthand => format!("{to}: {written}"),
                        _ => to.clone(),
                    };
                    self.made.push(Edit::replace(*key, new));
                }
                Change::Remove { .. } => {}
                Change::InsertEntry { map, key, value } => {
                    inserts.entry(*map).or_default().push((Some(key), value))
                }
                Change::InsertElement { list, value } => {
                    inserts.entry(*list).or_default().push((None, value))
                }
                Change::RewriteRead { .. }
                | Change::Replace { .. }
                | Change::ReplaceWithMany { .. } => copying.push(change),
                Change::SetParam { .. } | Change::AppendParam { .. } => {
                    return Err(
                        "unresolved parameter change reached the TypeScript lowering".into(),
                    )
                }
            }
        }
        for edit in containers::removals(self.units, &removed)? {
            self.made.push(edit);
        }
        for (container, items) in inserts {
            let edit = self.insertion(container, &items, &removed)?;
            self.made.push(edit);
        }
        copying.sort_by_key(|c| match c {
            Change::RewriteRead { span, .. }
            | Change::Replace { span, .. }
            | Change::ReplaceWithMany { span, .. } => span.end - span.start,
            _ => 0,
        });
        for change in copying {
            match change {
                Change::RewriteRead { span, base, to } => {
                    let text = self.spell(*span, *base, to);
                    if self.typescript && matches!(to, ReadTarget::ExtendWithOutput { .. }) {
                        self.rename_import("", "ResponseInputItem", RESPONSES_TYPES);
                    }
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, text));
                }
                Change::Replace { span, with } => {
                    let multiline = self.text[span.start..span.end].contains('\n');
                    let indent = indentation_at(self.text, span.start).to_string();
                    let text = self.print(with, multiline, &indent);
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, text));
                }
                Change::ReplaceWithMany { span, with } => {
                    let container = containers::holding(self.units, *span)
                        .filter(|c| c.kind == ContainerKind::List)
                        .ok_or("only an element of an array literal can become several items")?;
                    let list_multiline =
                        self.text[container.span.start..container.span.end].contains('\n');
                    let indent = indentation_at(self.text, span.start).to_string();
                    let separator = if list_multiline {
                        format!(",{}{indent}", self.newline)
                    } else {
                        ", ".to_string()
                    };
                    let multiline = self.text[span.start..span.end].contains('\n');
                    let parts: Vec<String> = with
                        .iter()
                        .map(|v| self.print(v, multiline, &indent))
                        .collect();
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, parts.join(&separator)));
                }
                _ => unreachable!("only copying changes are collected here"),
            }
        }
        // A tools list another module imports is migrated here without its call
        // (`engine::shared_value_fix`): its `ChatCompletionTool[]` annotation moves with it.
        if !changes.is_empty() {
            for unit in self.units {
                if matches!(unit.request.site, Site::Elsewhere)
                    && unit.request.body.get("tools").is_some()
                {
                    self.retype(unit);
                }
            }
        }
        self.imports()?;
        Ok(self.made.finish())
    }

    fn spell(&self, span: Span, base: Span, to: &ReadTarget) -> String {
        let q = self.quote;
        let b = self.made.copy(self.text, base);
        // Keep optional chaining where the code had it: `usage?.prompt_tokens`.
        // Raw JSON is `any` in TypeScript: its callbacks' parameters say so.
        let (item, part) = if self.raw() && self.typescript {
            ("(item: any)", "(part: any)")
        } else {
            ("(item)", "(part)")
        };
        let dot = if self.text[base.end..span.end].starts_with("?.") {
            "?."
        } else {
            "."
        };
        match to {
            ReadTarget::Response => b,
            // Raw JSON has no `output_text`: join the text parts of the message items.
            ReadTarget::OutputText if self.raw() => format!(
                "{b}.output.filter({item} => item.type === {q}message{q}).flatMap({item} => item.content).filter({part} => part.type === {q}output_text{q}).map({part} => part.text).join({q}{q})"
            ),
            ReadTarget::OutputText => format!("{b}{dot}output_text"),
            ReadTarget::OutputParsed => format!("{b}{dot}output_parsed"),
            ReadTarget::EmptyTextTest { negated } => {
                let op = if *negated { "!==" } else { "===" };
                format!(" {op} {q}{q}")
            }
            ReadTarget::EmptyTextFallback => b.replacen("??", "||", 1),
            // Only the Python front end lifts this read today. The ternaries narrow the item
            // and part unions, so the spelling type-checks under `tsc --strict`.
            ReadTarget::Refusal => format!(
                "({b}.output.flatMap({item} => item.type === {q}message{q} ? item.content : []).flatMap({part} => part.type === {q}refusal{q} ? [part.refusal] : [])[0] ?? null)"
            ),
            ReadTarget::FunctionCalls => {
                format!("{b}.output.filter({item} => item.type === {q}function_call{q})")
            }
            ReadTarget::FirstFunctionCall => {
                format!("{b}.output.find({item} => item.type === {q}function_call{q})")
            }
            // The helper's final result: `get_final_response` in the model, as Python spells it.
            ReadTarget::Attr(attr) if attr == "get_final_response" => format!("{b}{dot}finalResponse"),
            ReadTarget::Attr(attr) => format!("{b}{dot}{attr}"),
            ReadTarget::Literal(text) => {
                let written = self.text[base.start..base.end]
                    .chars()
                    .find(|c| matches!(c, '"' | '\'' | '`'))
                    .unwrap_or(q);
                format!("{written}{text}{written}")
            }
            // The SDK's output item types are not its input item types, though the API takes
            // them back: TypeScript needs the cast.
            ReadTarget::ExtendWithOutput { list } if self.typescript => format!(
                "{}.push(...({b}.output as ResponseInputItem[]))",
                self.made.copy(self.text, *list)
            ),
            ReadTarget::ExtendWithOutput { list } => {
                format!("{}.push(...{b}.output)", self.made.copy(self.text, *list))
            }
            ReadTarget::StreamTextDelta { guarded: true } => format!("{b}.delta"),
            ReadTarget::StreamTextDelta { guarded: false } => {
                format!("({b}.type === {q}response.output_text.delta{q} ? {b}.delta : undefined)")
            }
            ReadTarget::StreamTextGuard { negated } => {
                let op = if *negated { "!==" } else { "===" };
                format!("({b}.type {op} {q}response.output_text.delta{q})")
            }
            ReadTarget::StreamCompletedUsage => match self.usage_guard(span, base) {
                // `if (chunk.usage)`: the test narrows the event and its usage together, so
                // the reads it guards type-check under `--strict` without `?.`.
                UsageGuard::Test => {
                    format!("{b}.type === {q}response.completed{q} && {b}.response.usage")
                }
                UsageGuard::Guarded => format!("{b}.response.usage"),
                UsageGuard::None => format!(
                    "({b}.type === {q}response.completed{q} ? {b}.response.usage : undefined)"
                ),
            },
            ReadTarget::FinishedFor { reason, negated } => {
                let calls = format!("{b}.output.some({item} => item.type === {q}function_call{q})");
                let check = match reason.as_str() {
                    "stop" => format!("({b}.status === {q}completed{q} && !{calls})"),
                    "length" => format!(
                        "({b}.status === {q}incomplete{q} && {b}.incomplete_details?.reason === {q}max_output_tokens{q})"
                    ),
                    "content_filter" => format!(
                        "({b}.status === {q}incomplete{q} && {b}.incomplete_details?.reason === {q}content_filter{q})"
                    ),
                    _ => calls,
                };
                if *negated {
                    format!("!{check}")
                } else {
                    check
                }
            }
        }
    }

    /// Where a stream chunk's usage read stands to an `if (chunk.usage)` that tests it.
    fn usage_guard(&self, span: Span, base: Span) -> UsageGuard {
        let tests = self.derived.if_tests();
        if tests.contains_key(&span) {
            return UsageGuard::Test;
        }
        let base_text = &self.text[base.start..base.end];
        let guarded = self
            .units
            .iter()
            .flat_map(|u| &u.reads)
            .filter(|r| matches!(r.kind, crate::model::ReadKind::StreamUsage))
            .filter(|r| &self.text[r.base.start..r.base.end] == base_text)
            .filter_map(|r| tests.get(&r.span))
            .any(|consequent| consequent.contains(span));
        if guarded {
            UsageGuard::Guarded
        } else {
            UsageGuard::None
        }
    }

    /// A raw request's URL literal: `…/chat/completions` becomes `…/responses`.
    fn switch_url(&mut self, unit: &Unit) -> Result<(), String> {
        let body = unit.request.body.span.ok_or("a body without a place")?;
        let (literal, shared) = *self
            .derived
            .urls()
            .get(&body)
            .ok_or("the request's URL has no literal to rewrite")?;
        if shared {
            return Err("the URL constant is shared with other code".into());
        }
        let written = &self.text[literal.start..literal.end];
        let at = written
            .rfind("chat/completions")
            .ok_or("the URL literal does not name chat/completions")?;
        let start = literal.start + at;
        self.made.push(Edit::replace(
            Span::new(start, start + "chat/completions".len()),
            "responses",
        ));
        Ok(())
    }

    /// Raw HTTP JSON, not SDK objects: a request posted by hand, and the output lines of a
    /// batch (read in the module that creates it, or in another of its pipeline).
    fn raw(&self) -> bool {
        self.units.iter().any(|u| {
            matches!(
                u.request.site,
                Site::Body | Site::BatchCreation { .. } | Site::Http { .. }
            )
        })
    }

    /// `response_format: zodResponseFormat(Schema, "name")` of a `parse` call becomes
    /// `text: { format: zodTextFormat(Schema, "name") }`.
    fn zod_format(&mut self, key: Span, changes: &[Change]) -> Result<(), String> {
        let entry = self
            .units
            .iter()
            .find_map(|u| find_entry(&u.request.body, key))
            .ok_or("the `response_format` entry is not in the request")?;
        let value = entry
            .value
            .span
            .ok_or("a format without a place in the source")?;
        let written = &self.text[value.start..value.end];
        let Some(arguments) = written.strip_prefix("zodResponseFormat") else {
            return Err(
                "`response_format` of `parse` is not a `zodResponseFormat(...)` call".into(),
            );
        };
        let text_set = changes.iter().any(|c| {
            matches!(c, Change::InsertEntry { key, .. } if key == "text")
                || matches!(c, Change::RenameKey { to, .. } if to == "text")
        });
        if text_set
            || self
                .units
                .iter()
                .any(|u| u.request.body.get("text").is_some())
        {
            return Err("the request sets `text` as well as a zod format".into());
        }
        let span = entry.span.ok_or("an entry without a place in the source")?;
        self.made.push(Edit::replace(
            span,
            format!("text: {{ format: zodTextFormat{arguments} }}"),
        ));
        self.rename_import("zodResponseFormat", "zodTextFormat", "openai/helpers/zod");
        Ok(())
    }

    fn rename_import(&mut self, old: &str, new: &str, module: &'static str) {
        if !self.renamed_imports.iter().any(|(o, _, _)| o == old) {
            self.renamed_imports
                .push((old.to_string(), new.to_string(), module));
        }
    }

    /// Type annotations and helpers that belong to the chat request move with the endpoint.
    fn retype(&mut self, unit: &Unit) {
        let body = unit.request.body.span;
        let messages = unit.request.body.get("messages").and_then(|m| m.span);
        let tools = unit.request.body.get("tools").and_then(|m| m.span);
        let mut targets = Vec::new();
        let inits = self.derived.typed_inits();
        for at in [body, messages, tools].into_iter().flatten() {
            if let Some(found) = inits.get(&at) {
                targets.extend(found.iter().copied());
            }
        }
        // Lists spread into the messages (`[...history, …]`), or passed as them, keep their
        // declared chat type only if responsify leaves it: retype their declarations too.
        let mut names: Vec<&str> = Vec::new();
        if let Some(m) = unit.request.body.get("messages") {
            let parts: Vec<&Value> = match &m.kind {
                Kind::List(items) => items.iter().collect(),
                _ => vec![m],
            };
            for part in parts {
                if let (Kind::Opaque, Some(at)) = (&part.kind, part.span) {
                    let name = self.text[at.start..at.end].trim_start_matches("...").trim();
                    if is_identifier(name) {
                        names.push(name);
                    }
                }
            }
        }
        let typed = self.derived.typed_names();
        for name in names {
            if let Some(found) = typed.get(name) {
                targets.extend(found.iter().copied());
            }
        }
        targets.sort();
        targets.dedup();
        for target in targets {
            self.retype_annotation(target);
        }
        // `zodFunction(...)` tools of a `parse` call.
        if let Some(list) = unit.request.body.get("tools").and_then(Value::as_list) {
            for tool in list {
                if let (Kind::Opaque, Some(at)) = (&tool.kind, tool.span) {
                    if self.text[at.start..at.end].starts_with("zodFunction(") {
                        self.made.push(Edit::replace(
                            Span::new(at.start, at.start + "zodFunction".len()),
                            "zodResponsesFunction",
                        ));
                        self.rename_import(
                            "zodFunction",
                            "zodResponsesFunction",
                            "openai/helpers/zod",
                        );
                    }
                }
            }
        }
    }

    /// The annotations that type the request's result where it is bound (`const completion:
    /// ChatCompletion = await client.chat.completions.create(...)`) name its Responses type.
    fn retype_result(&mut self, unit: &Unit) -> Result<(), String> {
        if let Some(found) = self.derived.typed_inits().get(&unit.request.span) {
            for target in found.clone() {
                self.retype_names(target, RESULT_RENAMES, true)?;
            }
        }
        // A function that returns the result says so in its return type, and in those of its
        // overload signatures (`function ask(stream: true): Promise<Stream<ChatCompletionChunk>>`).
        for target in self.returned_types(unit.request.span) {
            self.retype_names(target, RESULT_RENAMES, true)?;
        }
        // A name the usage is read through (`u?.prompt_tokens`) keeps its declared type.
        let mut names: Vec<&str> = unit
            .reads
            .iter()
            .filter(|r| matches!(r.kind, crate::model::ReadKind::UsageField(_)))
            .map(|r| &self.text[r.base.start..r.base.end])
            .filter(|name| is_identifier(name))
            .collect();
        names.sort();
        names.dedup();
        let mut targets: Vec<Span> = names
            .iter()
            .filter_map(|name| self.derived.typed_names().get(name))
            .flatten()
            .copied()
            .collect();
        targets.sort();
        targets.dedup();
        for target in targets {
            self.retype_names(target, USAGE_RENAMES, true)?;
        }
        Ok(())
    }

    /// The return types of the top-level function that returns the call at `call` as it is
    /// (`return client.chat.completions.create(...)`), and of its overload signatures.
    fn returned_types(&self, call: Span) -> Vec<Span> {
        let (functions, returned_by) = self.derived.top_functions();
        let Some(implementation) = returned_by.get(&call).map(|&i| functions[i]) else {
            return Vec::new();
        };
        let Some(name) = implementation.id.as_ref().map(|id| id.name.as_str()) else {
            return Vec::new();
        };
        functions
            .iter()
            .filter(|f| f.id.as_ref().is_some_and(|id| id.name.as_str() == name))
            .filter(|f| f.body.is_none() || std::ptr::eq(**f, implementation))
            .filter_map(|f| f.return_type.as_ref().map(|t| span_of(t.span)))
            .collect()
    }

    /// The local name of the `openai` package's client class, which is also its namespace of
    /// types (`import OpenAI from "openai"`, `import { OpenAI } from "openai"`).
    fn openai_namespace(&self) -> Option<&'a str> {
        self.program.body.iter().find_map(|s| match s {
            Statement::ImportDeclaration(d) if d.source.value.as_str() == "openai" => {
                d.specifiers.as_ref()?.iter().find_map(|spec| match spec {
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(d) => {
                        Some(d.local.name.as_str())
                    }
                    ImportDeclarationSpecifier::ImportSpecifier(s)
                        if s.imported.name().as_str() == "OpenAI" =>
                    {
                        Some(s.local.name.as_str())
                    }
                    _ => None,
                })
            }
            _ => None,
        })
    }

    /// Rename the chat types named inside one type annotation.
    fn retype_annotation(&mut self, annotation: Span) {
        self.retype_names(annotation, TYPE_RENAMES, false)
            .expect("request types are renamed without namespaces");
    }

    /// Rename the chat types of `table` named inside one type annotation. Result types
    /// (`result`) are spelled through the package's namespace (`OpenAI.Responses.Response`)
    /// when the file imports it: a bare `Response` would hide the global one of `fetch`.
    fn retype_names(
        &mut self,
        annotation: Span,
        table: &[(&str, &'static str)],
        result: bool,
    ) -> Result<(), String> {
        let text = &self.text[annotation.start..annotation.end];
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let Some((offset, old, new)) = table
                .iter()
                .filter_map(|(old, new)| rest.find(old).map(|i| (i, *old, *new)))
                .filter(|(i, old, _)| {
                    let end = at + i + old.len();
                    !text[end..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                        && !text[..at + i]
                            .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
                .min_by_key(|(i, old, _)| (*i, usize::MAX - old.len()))
            else {
                break;
            };
            let start = annotation.start + at + offset;
            // `OpenAI.Chat.Completions.X` / `OpenAI.Chat.X` → `OpenAI.Responses.Y`
            let before = &self.text[annotation.start..start];
            let qualifier = ["Chat.Completions.", "Chat."]
                .iter()
                .find(|q| before.ends_with(*q))
                .map_or(0, |q| q.len());
            if qualifier > 0 {
                self.made.push(Edit::replace(
                    Span::new(start - qualifier, start + old.len()),
                    format!("Responses.{new}"),
                ));
            } else if before.ends_with('.') {
                // `OpenAI.ChatCompletionMessageParam`: the namespace has `Responses` beside it.
                self.made.push(Edit::replace(
                    Span::new(start, start + old.len()),
                    format!("Responses.{new}"),
                ));
            } else if let Some(namespace) = self.openai_namespace().filter(|_| result) {
                self.made.push(Edit::replace(
                    Span::new(start, start + old.len()),
                    format!("{namespace}.Responses.{new}"),
                ));
            } else if result && self.derived.word_count(self.text, new) > 0 {
                return Err(format!(
                    "`{old}` would become `{new}`, a name the file already uses"
                ));
            } else {
                self.made
                    .push(Edit::replace(Span::new(start, start + old.len()), new));
                self.rename_import(old, new, RESPONSES_TYPES);
            }
            at += offset + old.len();
        }
        Ok(())
    }

    /// Imports for renamed names: a specifier whose old name is no longer used elsewhere goes,
    /// and the new names are imported from their module (added to an import of that module
    /// when there is one, else in a new import line after the old one).
    fn imports(&mut self) -> Result<(), String> {
        let from_openai = self.program.body.iter().any(|s| {
            matches!(s, Statement::ImportDeclaration(d) if is_openai_module(d.source.value.as_str()))
        });
        if self.renamed_imports.is_empty() && !from_openai {
            return Ok(());
        }
        let renames = std::mem::take(&mut self.renamed_imports);
        let edits = {
            let mut edits = self.made.current();
            edits.sort();
            crate::edit::normalize(edits)?
        };
        // How often a name occurs once this group's edits are made, from the file's count
        // and the text the edits take out and put in (not by counting a copy of the whole
        // fixed text, which is linear per request).
        let after = |word: &str| {
            let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
            let mut count = self.derived.word_count(self.text, word) as isize;
            for e in &edits {
                // Widened to the identifiers an edit's ends touch.
                let start = self.text[..e.span.start].trim_end_matches(ident).len();
                let tail = &self.text[e.span.end..];
                let end = e.span.end + (tail.len() - tail.trim_start_matches(ident).len());
                count -= count_word(&self.text[start..end], word) as isize;
                let put = format!(
                    "{}{}{}",
                    &self.text[start..e.span.start],
                    e.text,
                    &self.text[e.span.end..end]
                );
                count += count_word(&put, word) as isize;
            }
            count.max(0) as usize
        };
        // module → (new names to add, specifier spans to drop, the import after which to add)
        let mut by_module: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut dropped: Vec<Span> = Vec::new();
        let mut anchor: Option<Span> = None;
        for (old, new, module) in &renames {
            // An empty old name: the new name is only needed, nothing is replaced.
            if let Some((declaration, specifier)) = self.import_specifier(old) {
                if after(old) <= 1 {
                    dropped.push(span_of(specifier.span()));
                }
                anchor.get_or_insert(span_of(declaration.span));
            }
            if self.import_specifier(new).is_none() {
                let names = by_module.entry(module).or_default();
                if !names.contains(new) {
                    names.push(new.clone());
                }
            }
        }
        // Names of the `openai` package that the fix leaves unused (`ChatCompletion` once the
        // result is typed as a Response, `ResponseOutputText` once a cast is gone) go too;
        // a name still used, re-exported or mentioned anywhere else stays.
        for stmt in &self.program.body {
            let Statement::ImportDeclaration(d) = stmt else {
                continue;
            };
            if !is_openai_module(d.source.value.as_str()) {
                continue;
            }
            for spec in d.specifiers.iter().flatten() {
                let ImportDeclarationSpecifier::ImportSpecifier(named) = spec else {
                    continue;
                };
                let local = named.local.name.as_str();
                let at = span_of(spec.span());
                if !dropped.contains(&at)
                    && self.derived.word_count(self.text, local) > 1
                    && after(local) <= 1
                {
                    dropped.push(at);
                }
            }
        }
        let last_import = self.program.body.iter().rev().find_map(|s| match s {
            Statement::ImportDeclaration(d) => Some(span_of(d.span)),
            _ => None,
        });
        let anchor = anchor.or(last_import);
        // Drop specifiers per declaration; a declaration left empty goes whole.
        let mut whole_removed = Vec::new();
        for stmt in &self.program.body {
            let Statement::ImportDeclaration(d) = stmt else {
                continue;
            };
            let Some(specifiers) = &d.specifiers else {
                continue;
            };
            let members: Vec<Span> = specifiers.iter().map(|s| span_of(s.span())).collect();
            let indices: Vec<usize> = members
                .iter()
                .enumerate()
                .filter(|(_, m)| dropped.contains(m))
                .map(|(i, _)| i)
                .collect();
            if indices.is_empty() {
                continue;
            }
            // Each group is lowered on its own: two that drop names of one declaration would
            // write overlapping edits, and the file would get neither. The first keeps it;
            // a name left imported unused is only untidy.
            let declaration = span_of(d.span);
            let mut touched = self.derived.touched_imports.borrow_mut();
            if touched.contains(&declaration) {
                continue;
            }
            touched.push(declaration);
            drop(touched);
            if indices.len() == members.len() {
                whole_removed.push(span_of(d.span));
            } else {
                for e in crate::edit::removals(&members, &indices) {
                    self.made.push(e);
                }
            }
        }
        let q = self.quote;
        let semi = match anchor {
            Some(a) if !self.text[..a.end].ends_with(';') => "",
            _ => ";",
        };
        let lines: Vec<String> = by_module
            .iter()
            .map(|(module, names)| {
                let kind = if *module == RESPONSES_TYPES {
                    "import type"
                } else {
                    "import"
                };
                format!(
                    "{kind} {{ {} }} from {q}{module}{q}{semi}",
                    names.join(", ")
                )
            })
            .collect();
        let Some(anchor) = anchor else {
            if !lines.is_empty() {
                let nl = self.newline;
                self.made
                    .push(Edit::insert(0, format!("{}{nl}", lines.join(nl))));
            }
            return Ok(());
        };
        let new_imports = lines.join(self.newline);
        if whole_removed.contains(&anchor) {
            for span in whole_removed.iter().filter(|s| **s != anchor) {
                self.made.push(Edit::delete(line_of(self.text, *span)));
            }
            if new_imports.is_empty() {
                self.made.push(Edit::delete(line_of(self.text, anchor)));
            } else {
                self.made.push(Edit::replace(anchor, new_imports));
            }
        } else {
            for span in &whole_removed {
                self.made.push(Edit::delete(line_of(self.text, *span)));
            }
            if !new_imports.is_empty() {
                self.made.push(Edit::insert(
                    anchor.end,
                    format!("{}{new_imports}", self.newline),
                ));
            }
        }
        Ok(())
    }

    fn import_specifier(
        &self,
        local: &str,
    ) -> Option<(
        &'a ImportDeclaration<'a>,
        &'a ImportDeclarationSpecifier<'a>,
    )> {
        self.program.body.iter().find_map(|s| {
            let Statement::ImportDeclaration(d) = s else {
                return None;
            };
            d.specifiers.as_ref()?.iter().find_map(|spec| {
                let name = match spec {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => s.local.name.as_str(),
                    _ => return None,
                };
                (name == local).then_some((&**d, spec))
            })
        })
    }

    fn insertion(
        &self,
        at: Span,
        items: &[(Option<&str>, &Value)],
        removed: &[Span],
    ) -> Result<Edit, String> {
        let container = containers::at(self.units, at).ok_or("nowhere to insert")?;
        let containers::Layout {
            after,
            separator,
            indent,
            multiline,
        } = containers::layout(self.text, &container, removed, self.newline);
        let printed: Vec<String> = items
            .iter()
            .map(|(key, value)| {
                let v = self.print(value, multiline, &indent);
                match key {
                    Some(k) => format!("{}: {v}", self.key(k)),
                    None => v,
                }
            })
            .collect();
        match after {
            Some(last) => Ok(Edit::insert(
                last.end,
                format!("{separator}{}", printed.join(&separator)),
            )),
            None => {
                let inner = &self.text[at.start + 1..at.end - 1];
                if inner.trim().is_empty() {
                    Ok(Edit::replace(
                        Span::new(at.start + 1, at.end - 1),
                        format!(" {} ", printed.join(", ")),
                    ))
                } else {
                    Ok(Edit::insert(at.start + 1, printed.join(", ")))
                }
            }
        }
    }

    fn key(&self, k: &str) -> String {
        if is_identifier(k) {
            k.to_string()
        } else {
            self.string(k)
        }
    }

    fn string(&self, s: &str) -> String {
        let q = self.quote;
        let mut out = String::with_capacity(s.len() + 2);
        out.push(q);
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if c == q => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out.push(q);
        out
    }

    fn print(&self, value: &Value, multiline: bool, indent: &str) -> String {
        if let Some(span) = value.span {
            let copied = self.made.copy(self.text, span);
            // A copy moved to another depth (a format's `schema` out of its `json_schema`
            // wrapper) takes the new depth, unless a template literal spans its lines (then
            // its text would change).
            if copied.contains('\n') && !copied.contains('`') {
                let from = crate::edit::indentation_at(self.text, span.start);
                return crate::frontend::json::reindent(&copied, from, indent);
            }
            return copied;
        }
        let inner = format!("{indent}  ");
        let nl = self.newline;
        match &value.kind {
            Kind::Str(s) => self.string(s),
            Kind::Num(n) => n.clone(),
            Kind::Bool(true) => "true".into(),
            Kind::Bool(false) => "false".into(),
            Kind::Null | Kind::Opaque => "null".into(),
            Kind::List(items) if items.is_empty() => "[]".into(),
            Kind::Map(entries) if entries.is_empty() => "{}".into(),
            Kind::List(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| self.print(v, multiline, &inner))
                    .collect();
                if multiline {
                    format!(
                        "[{nl}{inner}{}{}{nl}{indent}]",
                        parts.join(&format!(",{nl}{inner}")),
                        if self.trailing_commas { "," } else { "" }
                    )
                } else {
                    format!("[{}]", parts.join(", "))
                }
            }
            Kind::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            self.key(&e.key),
                            self.print(&e.value, multiline, &inner)
                        )
                    })
                    .collect();
                if multiline {
                    format!(
                        "{{{nl}{inner}{}{}{nl}{indent}}}",
                        parts.join(&format!(",{nl}{inner}")),
                        if self.trailing_commas { "," } else { "" }
                    )
                } else {
                    format!("{{ {} }}", parts.join(", "))
                }
            }
        }
    }
}

/// Does the text put a comma after the last member of multiline objects and arrays?
fn ends_lines_with_commas(text: &str) -> bool {
    text.match_indices(',').any(|(i, _)| {
        let rest = text[i + 1..].trim_start_matches([' ', '\t']);
        let rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'));
        rest.is_some_and(|r| r.trim_start().starts_with(['}', ']']))
    })
}

fn find_entry(value: &Value, key: Span) -> Option<&crate::model::Entry> {
    match &value.kind {
        Kind::Map(entries) => entries.iter().find_map(|e| {
            if e.key_span == Some(key) {
                Some(e)
            } else {
                find_entry(&e.value, key)
            }
        }),
        Kind::List(items) => items.iter().find_map(|v| find_entry(v, key)),
        _ => None,
    }
}

/// A stream usage read: the whole test of an `if`, inside the consequent of such a test on
/// the same chunk, or neither.
enum UsageGuard {
    Test,
    Guarded,
    None,
}

/// Every `VariableDeclarator` of the program, at any depth of statements.
fn collect_declarators<'a>(
    body: &'a [Statement<'a>],
    f: &mut dyn FnMut(&'a VariableDeclarator<'a>),
) {
    struct Collect<'f, 'a> {
        f: &'f mut dyn FnMut(&'a VariableDeclarator<'a>),
    }
    impl<'a> super::walk::Visitor<'a> for Collect<'_, 'a> {
        fn declarator(&mut self, d: &'a VariableDeclarator<'a>) {
            (self.f)(d);
        }
    }
    super::walk::statements(&mut Collect { f }, body);
}

/// Every formal parameter of every function of the program.
fn collect_parameters<'a>(body: &'a [Statement<'a>], f: &mut dyn FnMut(&'a FormalParameter<'a>)) {
    struct Collect<'f, 'a> {
        f: &'f mut dyn FnMut(&'a FormalParameter<'a>),
    }
    impl<'a> super::walk::Visitor<'a> for Collect<'_, 'a> {
        fn enter_function(
            &mut self,
            _span: oxc_span::Span,
            _params: Vec<String>,
            function: super::walk::FunctionRef<'a>,
        ) {
            let params = match function {
                super::walk::FunctionRef::Function(func) => &func.params,
                super::walk::FunctionRef::Arrow(arrow) => &arrow.params,
            };
            for p in &params.items {
                (self.f)(p);
            }
        }
    }
    super::walk::statements(&mut Collect { f }, body);
}

/// The values that `return`s among `body` (not in nested functions) give as they are (an
/// `await` aside): the calls a function hands back.
fn returned_calls(body: &[Statement], out: &mut Vec<Span>) {
    for s in body {
        match s {
            Statement::ReturnStatement(r) => {
                if let Some(a) = &r.argument {
                    let mut e = unwrap(a);
                    while let Expression::AwaitExpression(x) = e {
                        e = unwrap(&x.argument);
                    }
                    out.push(span_of(e.span()));
                }
            }
            Statement::BlockStatement(b) => returned_calls(&b.body, out),
            Statement::IfStatement(i) => {
                returned_calls(std::slice::from_ref(&i.consequent), out);
                if let Some(a) = &i.alternate {
                    returned_calls(std::slice::from_ref(a), out);
                }
            }
            _ => {}
        }
    }
}

/// The `openai` package or one of its modules (`openai/resources/chat/completions`).
fn is_openai_module(module: &str) -> bool {
    module == "openai" || module.starts_with("openai/")
}

/// How often `word` occurs in `text` as a whole identifier.
fn count_word(text: &str, word: &str) -> usize {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word)
        .filter(|(i, _)| !text[..*i].ends_with(ident) && !text[i + word.len()..].starts_with(ident))
        .count()
}

/// The whole line(s) of `span`, with its line break, for deleting a statement.
fn line_of(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i + 1);
    if text[start..span.start].trim().is_empty() && text[span.end..end].trim().is_empty() {
        Span::new(start, end)
    } else {
        span
    }
}

/// The quote the request's own strings use (else the file's first), so new strings match.
fn file_quote(text: &str, units: &[&Unit]) -> char {
    fn find(text: &str, v: &Value) -> Option<char> {
        if let (Kind::Str(_), Some(span)) = (&v.kind, v.span) {
            return text[span.start..span.end]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''));
        }
        match &v.kind {
            Kind::Map(entries) => entries.iter().find_map(|e| find(text, &e.value)),
            Kind::List(items) => items.iter().find_map(|i| find(text, i)),
            _ => None,
        }
    }
    units
        .iter()
        .find_map(|u| find(text, &u.request.body))
        .or_else(|| text.chars().find(|c| matches!(c, '"' | '\'')))
        .unwrap_or('"')
}
