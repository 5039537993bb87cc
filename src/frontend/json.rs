//! JSON and JSON Lines: Chat Completions request bodies, and Batch input files.
//!
//! A `.json` document is a request when it is an object with `model` and `messages`. A `.jsonl`
//! line is a request when it is such an object, or a Batch line whose `url` names the Chat
//! Completions endpoint and whose `body` is one. Everything else that merely looks like chat
//! data is left alone: fine-tuning rows (`messages` without `model`, `weight` on assistant
//! messages), preference rows, Batch output lines, eval data.
//!
//! Edits are splices into the original text: a renamed key replaces just the key token, a
//! reshaped message is printed anew around verbatim copies of its values, and inserted entries
//! copy the separators and indentation of their neighbours.

use super::{FrontEnd, Lifted, SyntaxError};
use crate::diagnostic::Change;
use crate::edit::{indentation_at, line_ending, Edit};
use crate::model::{Endpoint, Entry, Hold, Kind, Request, Site, Span, Unit, Value, Verdict};
use jsonc_parser::ast;
use std::collections::BTreeMap;

pub struct Json {
    lines: bool,
}

/// `.json`: one document.
pub static JSON: Json = Json { lines: false };
/// `.jsonl`: one document per line.
pub static JSON_LINES: Json = Json { lines: true };

// responsify: ignore[chat-completions-url] the path Batch lines are recognised by
pub const CHAT_URL: &str = "/v1/chat/completions";
pub const RESPONSES_URL: &str = "/v1/responses";

fn parse_options() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Parse one JSON document that starts at byte `offset` of the file.
pub fn parse_value(text: &str, offset: usize) -> Result<Option<Value>, SyntaxError> {
    let parsed =
        jsonc_parser::parse_to_ast(text, &Default::default(), &parse_options()).map_err(|e| {
            let range = e.range();
            SyntaxError::new(
                e.kind().to_string(),
                Span::new(range.start, range.end).offset(offset),
            )
        })?;
    Ok(parsed.value.as_ref().map(|v| lift(v, offset)))
}

fn lift(value: &ast::Value, offset: usize) -> Value {
    let span = |r: jsonc_parser::common::Range| Some(Span::new(r.start, r.end).offset(offset));
    match value {
        ast::Value::StringLit(s) => Value {
            kind: Kind::Str(s.value.to_string()),
            span: span(s.range),
        },
        ast::Value::NumberLit(n) => Value {
            kind: Kind::Num(n.value.to_string()),
            span: span(n.range),
        },
        ast::Value::BooleanLit(b) => Value {
            kind: Kind::Bool(b.value),
            span: span(b.range),
        },
        ast::Value::NullKeyword(n) => Value {
            kind: Kind::Null,
            span: span(n.range),
        },
        ast::Value::Array(a) => Value {
            kind: Kind::List(a.elements.iter().map(|v| lift(v, offset)).collect()),
            span: span(a.range),
        },
        ast::Value::Object(o) => Value {
            kind: Kind::Map(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, key_range) = match &p.name {
                            ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                            ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Entry {
                            key,
                            key_span: span(key_range),
                            value: lift(&p.value, offset),
                            span: span(p.range),
                        }
                    })
                    .collect(),
            ),
            span: span(o.range),
        },
    }
}

/// A document is a chat body when it has both `model` and `messages` (a list).
fn is_chat_body(v: &Value) -> bool {
    v.get("model").is_some() && v.get("messages").and_then(Value::as_list).is_some()
}

/// Training rows mark assistant messages with `weight`; no request does.
fn has_fine_tuning_marks(v: &Value) -> bool {
    v.get("messages")
        .and_then(Value::as_list)
        .is_some_and(|msgs| msgs.iter().any(|m| m.get("weight").is_some()))
}

/// Fine-tuning rows: messages (or preference input) but no model, and no Batch envelope.
fn looks_like_training_row(v: &Value) -> bool {
    (v.get("messages").is_some() && v.get("model").is_none() && v.get("body").is_none())
        || has_fine_tuning_marks(v)
        || v.get("preferred_output").is_some()
}

/// A recorded exchange with OpenAI's Chat Completions endpoint (`{"request": {"method",
/// "url", "body"}, "response": {...}}`, as HTTP cassettes and test fixtures keep them): held,
/// with the request body as the unit's body and the reply's span kept as a container (the
/// rule reports the URL, the request and the reply).
fn recorded_exchange(doc: &Value) -> Option<Unit> {
    let request = doc.get("request")?;
    let response = doc.get("response")?;
    let url = request.get("url")?;
    let body = request.get("body")?;
    let path = url.as_str()?;
    if !path.trim_end_matches('/').ends_with("/chat/completions") || !is_chat_body(body) {
        return None;
    }
    // Another server's recording is that server's business.
    let verdict = match crate::classify::url_kind(path) {
        crate::classify::UrlKind::OpenAi => Verdict::hold(
            Hold::RecordedExchange,
            format!("a recorded exchange with {path:?}"),
        ),
        _ if !path.contains("://") => Verdict::hold(
            Hold::RecordedExchange,
            format!("a recorded exchange with {path:?}"),
        ),
        _ => Verdict::hold(Hold::NotOpenAi, "a recorded exchange with another server"),
    };
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::ChatCompletions,
            site: Site::Body,
            span: url.span?,
            body: body.clone(),
            hidden_keys: false,
        },
        verdict,
    );
    let reply = response.get("body").unwrap_or(response);
    unit.containers.push(crate::model::Container {
        span: reply.span?,
        members: Vec::new(),
        kind: crate::model::ContainerKind::Map,
    });
    Some(unit)
}

/// Turn one parsed document into a unit, when it is a request.
fn unit_for(doc: &Value) -> Option<Unit> {
    let span = doc.span?;
    if let Some(unit) = recorded_exchange(doc) {
        return Some(unit);
    }
    if let (Some(url), Some(body)) = (doc.get("url"), doc.get("body")) {
        let path = url.as_str()?;
        let endpoint = match path.trim_end_matches('/') {
            // responsify: ignore[chat-completions-url] the same path without its leading slash
            CHAT_URL | "v1/chat/completions" => Endpoint::ChatCompletions,
            RESPONSES_URL | "v1/responses" => Endpoint::Responses,
            _ => return None,
        };
        if endpoint == Endpoint::ChatCompletions && !is_chat_body(body) {
            return None;
        }
        let verdict = if has_fine_tuning_marks(body) {
            Verdict::hold(
                Hold::NotOpenAi,
                "assistant messages carry `weight`: fine-tuning data",
            )
        } else {
            Verdict::Migrate
        };
        let mut unit = Unit::new(
            Request {
                endpoint,
                site: Site::BatchLine { url: url.span? },
                span,
                body: body.clone(),
                hidden_keys: false,
            },
            verdict,
        );
        if endpoint == Endpoint::ChatCompletions {
            // One batch takes one endpoint, named by the `batches.create` call that uploads
            // this file: a converted file under a chat batch is rejected, and the code that
            // reads the output file reads Chat results. Neither is in this file.
            // Unless the run finds that call and those readers (see
            // `project::Project::batch_pipeline`).
            unit.batch = Some(crate::model::BatchRole::Line {
                unseen: vec![
                    "the batch that takes this file is created elsewhere with its own `endpoint` \
                     (`batches.create`): convert the file, that call and the code reading the \
                     batch's output in one change"
                        .into(),
                ],
            });
        }
        return Some(unit);
    }
    let endpoint = if is_chat_body(doc) {
        Endpoint::ChatCompletions
    } else if doc.get("model").is_some() && doc.get("input").is_some() {
        Endpoint::Responses
    } else {
        return None;
    };
    let verdict = if has_fine_tuning_marks(doc) {
        Verdict::hold(
            Hold::NotOpenAi,
            "assistant messages carry `weight`: fine-tuning data",
        )
    } else {
        Verdict::Migrate
    };
    Some(Unit::new(
        Request {
            endpoint,
            site: Site::Body,
            span,
            body: doc.clone(),
            hidden_keys: false,
        },
        verdict,
    ))
}

impl FrontEnd for Json {
    fn name(&self) -> &'static str {
        if self.lines {
            "JSON Lines"
        } else {
            "JSON"
        }
    }

    fn triggers(&self) -> &'static [&'static str] {
        &["\"messages\"", "\"input\""]
    }

    fn lift(&self, text: &str) -> Result<Lifted, SyntaxError> {
        let mut docs = Vec::new();
        if self.lines {
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                if !content.trim().is_empty() {
                    if let Some(v) = parse_value(content, start)? {
                        docs.push(v);
                    }
                }
                start += line.len();
            }
        } else if let Some(v) = parse_value(text, 0)? {
            docs.push(v);
        }
        // One training row makes the whole file training data: its other rows are too.
        if docs.iter().any(looks_like_training_row) {
            return Ok(Lifted::default());
        }
        let mut units: Vec<Unit> = docs.iter().filter_map(unit_for).collect();
        // A batch takes one endpoint: the chat lines of a Batch file move together or not at
        // all, never leaving a file that mixes endpoints.
        let batch_lines = |u: &Unit| {
            matches!(u.request.site, Site::BatchLine { .. })
                && u.request.endpoint == Endpoint::ChatCompletions
        };
        if units.iter().filter(|u| batch_lines(u)).count() > 1 {
            for unit in units.iter_mut().filter(|u| batch_lines(u)) {
                unit.group = Some(0);
            }
        }
        Ok(Lifted { units })
    }

    fn lowers_each_unit(&self) -> bool {
        true
    }

    fn lower(&self, text: &str, units: &[&Unit], changes: &[Change]) -> Result<Vec<Edit>, String> {
        // JSON requests never share source: each group is one unit.
        let [unit] = units else {
            return Err("JSON lowers one request at a time".into());
        };
        Lowering::new(text, unit).lower(changes)
    }
}

/// How this file writes JSON, so printed values look like their neighbours.
struct Style {
    key_sep: String,
    inline_sep: String,
    indent_unit: String,
    newline: &'static str,
}

impl Style {
    fn detect(text: &str, body: &Value) -> Style {
        let mut key_sep = None;
        let mut inline_sep = None;
        let mut indent_unit = None;
        detect_in(text, body, &mut key_sep, &mut inline_sep, &mut indent_unit);
        let key_sep = key_sep.unwrap_or_else(|| ": ".to_string());
        let inline_sep = inline_sep.unwrap_or_else(|| {
            if key_sep.ends_with(' ') {
                ", ".into()
            } else {
                ",".into()
            }
        });
        Style {
            key_sep,
            inline_sep,
            indent_unit: indent_unit.unwrap_or_else(|| "  ".into()),
            newline: line_ending(text),
        }
    }
}

fn detect_in(
    text: &str,
    v: &Value,
    key_sep: &mut Option<String>,
    inline_sep: &mut Option<String>,
    indent_unit: &mut Option<String>,
) {
    let Some(span) = v.span else { return };
    let spans: Vec<Span> = match &v.kind {
        Kind::Map(entries) => {
            for e in entries {
                if let (None, Some(k), Some(vs)) = (&key_sep, e.key_span, e.value.span) {
                    *key_sep = Some(text[k.end..vs.start].to_string());
                }
            }
            entries.iter().filter_map(|e| e.span).collect()
        }
        Kind::List(items) => items.iter().filter_map(|v| v.span).collect(),
        _ => return,
    };
    let multiline = text[span.start..span.end].contains('\n');
    if let Some(first) = spans.first() {
        if multiline && indent_unit.is_none() {
            let outer = indentation_at(text, span.start);
            let inner = indentation_at(text, first.start);
            if let Some(unit) = inner.strip_prefix(outer).filter(|u| !u.is_empty()) {
                *indent_unit = Some(unit.to_string());
            }
        }
    }
    if !multiline && inline_sep.is_none() && spans.len() >= 2 {
        *inline_sep = Some(text[spans[0].end..spans[1].start].to_string());
    }
    match &v.kind {
        Kind::Map(entries) => entries
            .iter()
            .for_each(|e| detect_in(text, &e.value, key_sep, inline_sep, indent_unit)),
        Kind::List(items) => items
            .iter()
            .for_each(|i| detect_in(text, i, key_sep, inline_sep, indent_unit)),
        _ => {}
    }
}

struct Lowering<'a> {
    text: &'a str,
    unit: &'a Unit,
    style: Style,
}

impl<'a> Lowering<'a> {
    fn new(text: &'a str, unit: &'a Unit) -> Self {
        Lowering {
            text,
            unit,
            style: Style::detect(text, &unit.request.body),
        }
    }

    fn lower(&self, changes: &[Change]) -> Result<Vec<Edit>, String> {
        let mut edits = Vec::new();
        let removed: Vec<Span> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Remove { span } => Some(*span),
                _ => None,
            })
            .collect();
        edits.extend(self.removals(&removed)?);
        // Insertions into one container are printed together, in the order they were asked.
        let mut inserts: BTreeMap<Span, Vec<(Option<&str>, &Value)>> = BTreeMap::new();
        for change in changes {
            match change {
                Change::SwitchEndpoint => {
                    if let Site::BatchLine { url } = self.unit.request.site {
                        edits.push(Edit::replace(url, json_string(RESPONSES_URL)));
                    }
                }
                Change::RenameKey { key, to } => edits.push(Edit::replace(*key, json_string(to))),
                Change::Remove { .. } => {}
                Change::Replace { span, with } => {
                    let multiline = self.text[span.start..span.end].contains('\n');
                    let indent = indentation_at(self.text, span.start);
                    edits.push(Edit::replace(*span, self.print(with, multiline, indent)));
                }
                Change::ReplaceWithMany { span, with } => {
                    edits.push(Edit::replace(*span, self.print_many(*span, with)?))
                }
                Change::InsertEntry { map, key, value } => {
                    inserts.entry(*map).or_default().push((Some(key), value))
                }
                Change::InsertElement { list, value } => {
                    inserts.entry(*list).or_default().push((None, value))
                }
                Change::SetParam { .. } | Change::AppendParam { .. } => {
                    return Err("unresolved parameter change reached the JSON lowering".into())
                }
                Change::RewriteRead { .. } => {
                    return Err("a data file has no reads to rewrite".into())
                }
            }
        }
        for (container, items) in inserts {
            edits.push(self.insertion(container, &items, &removed)?);
        }
        Ok(edits)
    }

    fn container(&self, span: Span) -> Result<&Value, String> {
        self.unit
            .request
            .body
            .find(span)
            .ok_or_else(|| format!("no container at bytes {}..{}", span.start, span.end))
    }

    /// The spans of a container's members: entries of a map, elements of a list.
    fn members(container: &Value) -> Vec<Span> {
        match &container.kind {
            Kind::Map(entries) => entries.iter().filter_map(|e| e.span).collect(),
            Kind::List(items) => items.iter().filter_map(|v| v.span).collect(),
            _ => Vec::new(),
        }
    }

    /// Delete members together with one separator each; runs of neighbours go as one block
    /// so that no two deletions fight over the comma between them.
    fn removals(&self, removed: &[Span]) -> Result<Vec<Edit>, String> {
        let mut by_parent: BTreeMap<Span, Vec<usize>> = BTreeMap::new();
        for span in removed {
            let (parent, index) = self.unit.request.body.parent_of(*span).ok_or_else(|| {
                format!("nothing to remove at bytes {}..{}", span.start, span.end)
            })?;
            by_parent
                .entry(parent.span.ok_or("removal from a new value")?)
                .or_default()
                .push(index);
        }
        let mut edits = Vec::new();
        for (parent, indices) in by_parent {
            let members = Self::members(self.container(parent)?);
            edits.extend(crate::edit::removals(&members, &indices));
        }
        Ok(edits)
    }

    fn insertion(
        &self,
        container_span: Span,
        items: &[(Option<&str>, &Value)],
        removed: &[Span],
    ) -> Result<Edit, String> {
        let container = self.container(container_span)?;
        let members = Self::members(container);
        let kept: Vec<Span> = members
            .iter()
            .copied()
            .filter(|m| !removed.contains(m))
            .collect();
        let multiline = self.text[container_span.start..container_span.end].contains('\n');
        // The separator between two neighbours in the original is the one to copy; removed
        // members still show how their container separates its items.
        let (separator, indent) = match (members.as_slice(), kept.last()) {
            ([.., a, b], Some(last)) => (
                self.text[a.end..b.start].to_string(),
                indentation_at(self.text, last.start).to_string(),
            ),
            (_, Some(last)) if multiline => {
                let indent = indentation_at(self.text, last.start).to_string();
                (format!(",{}{indent}", self.style.newline), indent)
            }
            _ => (
                self.style.inline_sep.clone(),
                indentation_at(self.text, container_span.start).to_string(),
            ),
        };
        let printed: Vec<String> = items
            .iter()
            .map(|(key, value)| {
                let value = self.print(value, multiline, &indent);
                match key {
                    Some(k) => format!("{}{}{value}", json_string(k), self.style.key_sep),
                    None => value,
                }
            })
            .collect();
        match kept.last() {
            Some(last) => Ok(Edit::insert(
                last.end,
                format!("{separator}{}", printed.join(&separator)),
            )),
            None => Ok(Edit::insert(
                container_span.start + 1,
                printed.join(&self.style.inline_sep),
            )),
        }
    }

    fn print_many(&self, span: Span, with: &[Value]) -> Result<String, String> {
        let (parent, _) = self
            .unit
            .request
            .body
            .parent_of(span)
            .ok_or("element to replace is not in a list")?;
        let parent_span = parent.span.ok_or("element of a new list")?;
        let list_multiline = self.text[parent_span.start..parent_span.end].contains('\n');
        let indent = indentation_at(self.text, span.start);
        let separator = if list_multiline {
            format!(",{}{indent}", self.style.newline)
        } else {
            self.style.inline_sep.clone()
        };
        let multiline = self.text[span.start..span.end].contains('\n');
        Ok(with
            .iter()
            .map(|v| self.print(v, multiline, indent))
            .collect::<Vec<_>>()
            .join(&separator))
    }

    /// Print a value. Parts that came from the source are copied verbatim (re-indented when
    /// they move to another depth); new parts follow the file's style.
    fn print(&self, value: &Value, multiline: bool, indent: &str) -> String {
        let mut out = String::new();
        self.print_into(value, multiline, indent, &mut out);
        out
    }

    fn print_into(&self, value: &Value, multiline: bool, indent: &str, out: &mut String) {
        if let Some(span) = value.span {
            out.push_str(&reindent(
                &self.text[span.start..span.end],
                indentation_at(self.text, span.start),
                indent,
            ));
            return;
        }
        let nl = self.style.newline;
        let inner = format!("{indent}{}", self.style.indent_unit);
        match &value.kind {
            Kind::Str(s) => out.push_str(&json_string(s)),
            Kind::Num(n) => out.push_str(n),
            Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Kind::Null | Kind::Opaque => out.push_str("null"),
            Kind::List(items) if items.is_empty() => out.push_str("[]"),
            Kind::Map(entries) if entries.is_empty() => out.push_str("{}"),
            Kind::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if multiline {
                        out.push_str(if i > 0 { "," } else { "" });
                        out.push_str(nl);
                        out.push_str(&inner);
                    } else if i > 0 {
                        out.push_str(&self.style.inline_sep);
                    }
                    self.print_into(item, multiline, &inner, out);
                }
                if multiline {
                    out.push_str(nl);
                    out.push_str(indent);
                }
                out.push(']');
            }
            Kind::Map(entries) => {
                out.push('{');
                for (i, entry) in entries.iter().enumerate() {
                    if multiline {
                        out.push_str(if i > 0 { "," } else { "" });
                        out.push_str(nl);
                        out.push_str(&inner);
                    } else if i > 0 {
                        out.push_str(&self.style.inline_sep);
                    }
                    out.push_str(&json_string(&entry.key));
                    out.push_str(&self.style.key_sep);
                    self.print_into(&entry.value, multiline, &inner, out);
                }
                if multiline {
                    out.push_str(nl);
                    out.push_str(indent);
                }
                out.push('}');
            }
        }
    }
}

/// Shift the continuation lines of a verbatim copy from one base indentation to another.
/// JSON strings hold no raw newlines, so only whitespace between tokens moves.
pub fn reindent(source: &str, from: &str, to: &str) -> String {
    if from == to || !source.contains('\n') {
        return source.to_string();
    }
    let mut out = String::with_capacity(source.len());
    for (i, line) in source.split_inclusive('\n').enumerate() {
        match line.strip_prefix(from) {
            Some(rest) if i > 0 => {
                out.push_str(to);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}

pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str, lines: bool) -> Vec<Unit> {
        let fe = if lines { &JSON_LINES } else { &JSON };
        fe.lift(text).unwrap().units
    }

    #[test]
    fn finds_bodies_and_batch_lines() {
        assert_eq!(units(r#"{"model": "m", "messages": []}"#, false).len(), 1);
        let batch = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\",\"messages\":[]}}\n";
        let u = units(batch, true);
        assert_eq!(u.len(), 1);
        assert!(matches!(u[0].request.site, Site::BatchLine { .. }));
    }

    #[test]
    fn leaves_training_data() {
        assert!(units(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n",
            true
        )
        .is_empty());
        let weighted =
            r#"{"model":"m","messages":[{"role":"assistant","content":"x","weight":0}]}"#;
        assert!(units(weighted, true)
            .iter()
            .all(|u| u.verdict.holds_for(Hold::NotOpenAi)));
    }

    #[test]
    fn spans_are_file_offsets_in_jsonl() {
        let text = "{\"model\":\"a\",\"messages\":[]}\r\n{\"model\":\"b\",\"messages\":[]}\r\n";
        let u = units(text, true);
        let span = u[1].request.body.get("model").unwrap().span.unwrap();
        assert_eq!(&text[span.start..span.end], "\"b\"");
    }

    #[test]
    fn reindents_copies() {
        assert_eq!(
            reindent("{\n    \"a\": 1\n  }", "  ", "    "),
            "{\n      \"a\": 1\n    }"
        );
    }
}
