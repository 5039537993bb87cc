//! Lowering model changes into Python source edits.
//!
//! New values are printed in the file's quote style; values that came from the source are
//! copied as written. Edits nest: a read rewritten inside an expression that another change
//! copies (a tool call's `id` inside a reshaped tool-result dict) is applied to the copy.

use crate::diagnostic::{Change, ReadTarget};
use crate::edit::{indentation_at, line_ending, Edit};
use crate::frontend::containers;
use crate::model::{ContainerKind, Kind, Site, Span, Unit, Value};
use std::collections::BTreeMap;

pub struct Lowering<'a> {
    text: &'a str,
    units: &'a [&'a Unit],
    quote: char,
    newline: &'static str,
    /// Edits made so far; a later copy of their source carries them.
    made: crate::edit::Nested,
    /// f-strings and their quote: a string spelled inside one must use the other quote
    /// (before Python 3.12 an f-string cannot hold its own quote). Found on first need, and
    /// shared by every group of the text (see `FrontEnd::lowering`).
    fstrings: &'a FStrings,
}

/// The f-strings of a text, found on first need.
pub type FStrings = std::cell::OnceCell<std::rc::Rc<Vec<(Span, char)>>>;

type FStringMemo = std::cell::RefCell<Option<(String, std::rc::Rc<Vec<(Span, char)>>)>>;

thread_local! {
    /// The f-strings of the last text asked about on this thread.
    static LAST_FSTRINGS: FStringMemo = const { std::cell::RefCell::new(None) };
}

/// The f-strings of `text`, found once per text rather than once per request (each finding
/// parses the whole file; see `frontend::per_text`).
fn fstrings_cached(text: &str) -> std::rc::Rc<Vec<(Span, char)>> {
    crate::frontend::per_text(&LAST_FSTRINGS, text, |text| {
        std::rc::Rc::new(if may_hold_fstrings(text) {
            match super::parsed::parse(text) {
                Ok(parsed) => fstrings(&parsed.syntax().body, text),
                Err(_) => Vec::new(),
            }
        } else {
            Vec::new()
        })
    })
}

fn may_hold_fstrings(text: &str) -> bool {
    text.contains("f\"") || text.contains("f'")
}

/// Every f-string of the module with the quote it is delimited by.
fn fstrings(body: &[ruff_python_ast::Stmt], text: &str) -> Vec<(Span, char)> {
    use ruff_python_ast::visitor::{self, Visitor};
    use ruff_python_ast::Expr;
    use ruff_text_size::Ranged;
    struct Find<'t>(Vec<(Span, char)>, &'t str);
    impl<'a> Visitor<'a> for Find<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::FString(f) = expr {
                let at = super::values::span(f.range());
                let quote = self.1[at.start..at.end]
                    .chars()
                    .find(|c| *c == '"' || *c == '\'');
                if let Some(q) = quote {
                    self.0.push((at, q));
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut find = Find(Vec::new(), text);
    find.visit_body(body);
    find.0
}

impl<'a> Lowering<'a> {
    pub fn new(text: &'a str, units: &'a [&'a Unit], fstrings: &'a FStrings) -> Self {
        let quote = units
            .iter()
            .find_map(|u| first_quote(text, u))
            .unwrap_or('"');
        Lowering {
            text,
            units,
            quote,
            newline: line_ending(text),
            made: crate::edit::Nested::default(),
            fstrings,
        }
    }

    /// The quote for a string spelled at `at`.
    fn quote_at(&self, at: Span) -> char {
        let text = self.text;
        let inside = self
            .fstrings
            .get_or_init(|| fstrings_cached(text))
            .iter()
            .rev()
            .find(|(f, _)| f.contains(at))
            .map(|(_, q)| *q);
        match inside {
            Some('"') => '\'',
            Some(_) => '"',
            None => self.quote,
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
        // First the edits that copy nothing: renames, the endpoint, removals, insertions.
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
                            Site::Http {
                                url: Some(path),
                                endpoint,
                            } => {
                                self.made.push(Edit::replace(path, "responses"));
                                if let Some(endpoint) = endpoint {
                                    self.made.push(Edit::replace(endpoint, "responses"));
                                }
                            }
                            Site::Http { url: None, .. } => {
                                return Err("the request's URL has no literal to rewrite".into())
                            }
                            Site::BatchCreation { endpoint } => {
                                self.made.push(Edit::replace(endpoint, "responses"))
                            }
                            Site::Body | Site::BatchLine { .. } | Site::Elsewhere => {}
                        }
                    }
                }
                Change::RenameKey { key, to } => {
                    let written = &self.text[key.start..key.end];
                    let new = match written.chars().next() {
                        Some(q @ ('"' | '\'')) => format!("{q}{to}{q}"),
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
                    return Err("unresolved parameter change reached the Python lowering".into())
                }
            }
        }
        for edit in containers::removals(self.units, &removed)? {
            for edit in self.whole_line_removal(edit, &inserts) {
                self.made.push(edit);
            }
        }
        for (container, items) in inserts {
            for edit in self.insertion(container, &items, &removed)? {
                self.made.push(edit);
            }
        }
        // Then the edits that copy source, innermost first, so each copy carries the edits
        // made inside it (a tool call's `id` inside a reshaped tool result, a renamed
        // argument inside a call whose result is read inline).
        copying.sort_by_key(|c| match c {
            Change::RewriteRead { span, .. }
            | Change::Replace { span, .. }
            | Change::ReplaceWithMany { span, .. } => span.end - span.start,
            _ => 0,
        });
        for change in copying {
            match change {
                Change::RewriteRead { span, base, to } => {
                    let text = self.spell(*base, to, self.quote_at(*span));
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, text));
                }
                Change::Replace { span, with } => {
                    let multiline = self.text[span.start..span.end].contains('\n');
                    let indent = indentation_at(self.text, span.start).to_string();
                    let trailing = trailing_comma(&self.text[span.start..span.end]);
                    let text = self.print_styled(with, multiline, &indent, trailing);
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, text));
                }
                Change::ReplaceWithMany { span, with } => {
                    let container = containers::holding(self.units, *span)
                        .filter(|c| c.kind == ContainerKind::List)
                        .ok_or("only an element of a list literal can become several items")?;
                    let list_multiline =
                        self.text[container.span.start..container.span.end].contains('\n');
                    let indent = indentation_at(self.text, span.start).to_string();
                    let separator = if list_multiline {
                        format!(",{}{indent}", self.newline)
                    } else {
                        ", ".to_string()
                    };
                    let multiline = self.text[span.start..span.end].contains('\n');
                    let trailing = trailing_comma(&self.text[span.start..span.end]);
                    let parts: Vec<String> = with
                        .iter()
                        .map(|v| self.print_styled(v, multiline, &indent, trailing))
                        .collect();
                    self.made.absorb(*span);
                    self.made.push(Edit::replace(*span, parts.join(&separator)));
                }
                _ => unreachable!("only copying changes are collected here"),
            }
        }
        Ok(self.made.finish())
    }

    /// A removal in a container laid out over lines takes the removed members' lines whole,
    /// with the comments that end them, as a removal from the middle does. The last members'
    /// removal starts at the end of the member before them, so it would otherwise take that
    /// member's comment and leave their own to whatever comes before (or is appended): it
    /// starts at the end of that member's line instead, and that member's comma goes too
    /// (it was a separator) unless new members follow it.
    fn whole_line_removal(
        &self,
        mut edit: Edit,
        inserts: &BTreeMap<Span, Vec<(Option<&str>, &Value)>>,
    ) -> Vec<Edit> {
        let text = self.text;
        let line_end = |at: usize| text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        let removed = &text[edit.span.start..edit.span.end];
        if !edit.text.is_empty() || !removed.contains('\n') {
            return vec![edit];
        }
        // What follows the last removed member on its line: its comma and its comment.
        let end = line_end(edit.span.end);
        let rest = text[edit.span.end..end].trim_start();
        let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
        let to_line_end = rest.is_empty() || rest.starts_with('#');
        let trailing_run = removed.starts_with([',', ' ', '\t', '\n', '\r', '#']);
        if !trailing_run {
            if to_line_end && rest.starts_with('#') {
                edit.span.end = end;
            }
            return vec![edit];
        }
        if !to_line_end {
            return vec![edit];
        }
        let mut edits = Vec::new();
        let appended = inserts
            .keys()
            .any(|c| c.start <= edit.span.start && edit.span.end <= c.end);
        let last_had_comma = text[edit.span.end..end].trim_start().starts_with(',');
        // New members after one whose line ends in a comment go on the next line and keep
        // its comma as their separator.
        let kept_comment = text[edit.span.start + 1..line_end(edit.span.start)]
            .trim_start()
            .starts_with('#');
        if removed.starts_with(',') && !last_had_comma && !(appended && kept_comment) {
            edits.push(Edit::delete(Span::new(
                edit.span.start,
                edit.span.start + 1,
            )));
        }
        edits.push(Edit::delete(Span::new(line_end(edit.span.start), end)));
        edits
    }

    /// Raw HTTP JSON (dicts and lists), not SDK objects: a request posted by hand, a Batch
    /// line and the output lines of its batch.
    fn raw(&self) -> bool {
        self.units.iter().any(|u| {
            matches!(
                u.request.site,
                Site::Http { .. } | Site::BatchCreation { .. }
            )
        })
    }

    fn spell(&self, base: Span, to: &ReadTarget, q: char) -> String {
        if let Some(json) = self.raw().then(|| self.spell_json(base, to, q)).flatten() {
            return json;
        }
        let b = self.made.copy(self.text, base);
        match to {
            ReadTarget::Response => b,
            ReadTarget::OutputText => format!("{b}.output_text"),
            ReadTarget::OutputParsed => format!("{b}.output_parsed"),
            ReadTarget::EmptyTextTest { negated } => {
                let op = if *negated { "!=" } else { "==" };
                format!(" {op} {q}{q}")
            }
            // Python's `or` already falls back on the empty string.
            ReadTarget::EmptyTextFallback => self.text[base.start..base.end].to_string(),
            ReadTarget::Refusal => format!(
                "next((part.refusal for item in {b}.output if item.type == {q}message{q} for part in item.content if part.type == {q}refusal{q}), None)"
            ),
            ReadTarget::FunctionCalls => {
                format!("[item for item in {b}.output if item.type == {q}function_call{q}]")
            }
            ReadTarget::FirstFunctionCall => {
                format!(
                    "next((item for item in {b}.output if item.type == {q}function_call{q}), None)"
                )
            }
            ReadTarget::Attr(attr) => format!("{b}.{attr}"),
            ReadTarget::Literal(text) => {
                // Keep the quote the literal was written with.
                let written = self.text[base.start..base.end]
                    .chars()
                    .find(|c| *c == '"' || *c == '\'')
                    .unwrap_or(q);
                format!("{written}{text}{written}")
            }
            ReadTarget::ExtendWithOutput { list } => {
                format!("{}.extend({b}.output)", self.made.copy(self.text, *list))
            }
            ReadTarget::StreamTextDelta { guarded: true } => format!("{b}.delta"),
            ReadTarget::StreamTextDelta { guarded: false } => {
                format!("({b}.delta if {b}.type == {q}response.output_text.delta{q} else None)")
            }
            ReadTarget::StreamTextGuard { negated } => {
                let op = if *negated { "!=" } else { "==" };
                format!("({b}.type {op} {q}response.output_text.delta{q})")
            }
            ReadTarget::FinishedFor { reason, negated } => {
                let calls = format!("any(item.type == {q}function_call{q} for item in {b}.output)");
                let check = match reason.as_str() {
                    "stop" => format!("({b}.status == {q}completed{q} and not {calls})"),
                    "length" => format!(
                        "({b}.status == {q}incomplete{q} and {b}.incomplete_details.reason == {q}max_output_tokens{q})"
                    ),
                    "content_filter" => format!(
                        "({b}.status == {q}incomplete{q} and {b}.incomplete_details.reason == {q}content_filter{q})"
                    ),
                    _ => calls,
                };
                if *negated {
                    format!("not {check}")
                } else {
                    check
                }
            }
            ReadTarget::StreamCompletedUsage => {
                format!("({b}.response.usage if {b}.type == {q}response.completed{q} else None)")
            }
        }
    }

    /// A read of a raw JSON reply: keys, not attributes, and no SDK conveniences
    /// (`output_text` is the join of the message items' text parts). `None` where the SDK
    /// spelling holds for JSON too.
    fn spell_json(&self, base: Span, to: &ReadTarget, q: char) -> Option<String> {
        let b = self.made.copy(self.text, base);
        let output = format!("{b}[{q}output{q}]");
        let is = |name: &str, kind: &str| format!("{name}[{q}type{q}] == {q}{kind}{q}");
        Some(match to {
            ReadTarget::OutputText => format!(
                "{q}{q}.join(part[{q}text{q}] for item in {output} if {} for part in item[{q}content{q}] if {})",
                is("item", "message"),
                is("part", "output_text")
            ),
            ReadTarget::FunctionCalls => {
                format!("[item for item in {output} if {}]", is("item", "function_call"))
            }
            ReadTarget::Refusal => format!(
                "next((part[{q}refusal{q}] for item in {output} if {} for part in item[{q}content{q}] if {}), None)",
                is("item", "message"),
                is("part", "refusal")
            ),
            ReadTarget::FirstFunctionCall => format!(
                "next((item for item in {output} if {}), None)",
                is("item", "function_call")
            ),
            ReadTarget::Attr(attr) => format!("{b}[{q}{attr}{q}]"),
            ReadTarget::ExtendWithOutput { list } => {
                format!("{}.extend({output})", self.made.copy(self.text, *list))
            }
            ReadTarget::FinishedFor { reason, negated } => {
                let calls = format!("any({} for item in {output})", is("item", "function_call"));
                let incomplete = |why: &str| {
                    format!(
                        "({b}[{q}status{q}] == {q}incomplete{q} and {b}[{q}incomplete_details{q}][{q}reason{q}] == {q}{why}{q})"
                    )
                };
                let check = match reason.as_str() {
                    "stop" => format!("({b}[{q}status{q}] == {q}completed{q} and not {calls})"),
                    "length" => incomplete("max_output_tokens"),
                    "content_filter" => incomplete("content_filter"),
                    _ => calls,
                };
                if *negated {
                    format!("not {check}")
                } else {
                    check
                }
            }
            // Streams and parsed output are SDK shapes: a raw request with them is held.
            _ => return None,
        })
    }

    fn insertion(
        &self,
        at: Span,
        items: &[(Option<&str>, &Value)],
        removed: &[Span],
    ) -> Result<Vec<Edit>, String> {
        let container = containers::at(self.units, at).ok_or("nowhere to insert")?;
        let containers::Layout {
            after,
            mut separator,
            indent,
            multiline,
        } = containers::layout(self.text, &container, removed, self.newline);
        // A separator copied from between two members carries that line's comment: the new
        // entries take the comma and the line break, not another line's comment.
        if separator.contains('#') {
            separator = format!(",{}{indent}", self.newline);
        }
        // New values follow the container's style: a comma after the last entry of each map
        // or list laid out over lines when the container ends that way.
        let trailing = multiline
            && container.members.last().is_some_and(|m| {
                self.text[m.end..container.span.end]
                    .trim_start()
                    .starts_with(',')
            });
        let printed: Vec<String> = items
            .iter()
            .map(|(key, value)| {
                let v = self.print_child(value, multiline, &indent, trailing);
                match (key, container.kind) {
                    (Some(k), ContainerKind::Arguments) => format!("{k}={v}"),
                    (Some(k), _) => format!("{}: {v}", self.string(k)),
                    (None, _) => v,
                }
            })
            .collect();
        match after {
            Some(last) => {
                // The last member's own comment (`messages=msgs,  # history`) stays on its
                // line: the new entries go on the lines after it, in the same comma style.
                let line_end = self.text[last.end..]
                    .find(['\n', '\r'])
                    .map_or(self.text.len(), |i| last.end + i);
                let rest = self.text[last.end..line_end].trim_start();
                let (comma, comment) = match rest.strip_prefix(',') {
                    Some(after_comma) => (true, after_comma.trim_start().starts_with('#')),
                    None => (false, rest.starts_with('#')),
                };
                let entries = printed.join(&format!(",{}{indent}", self.newline));
                if multiline && comment {
                    let mut edits = Vec::new();
                    if !comma {
                        edits.push(Edit::insert(last.end, ","));
                    }
                    let trailing = if trailing { "," } else { "" };
                    edits.push(Edit::insert(
                        line_end,
                        format!("{}{indent}{entries}{trailing}", self.newline),
                    ));
                    return Ok(edits);
                }
                Ok(vec![Edit::insert(
                    last.end,
                    format!("{separator}{}", printed.join(&separator)),
                )])
            }
            None => Ok(vec![Edit::insert(at.start + 1, printed.join(", "))]),
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

    /// A string's span with the parentheses written around it (`(\n "a "\n "b"\n)`, a
    /// long text split over lines): the parser's span covers the strings only, and a copy
    /// without them loses the layout. A body's strings are values of entries, elements and
    /// keyword arguments, so parentheses right around one are its own.
    fn with_parentheses(&self, value: &Value, span: Span) -> Span {
        if !matches!(value.kind, Kind::Str(_)) {
            return span;
        }
        let before = self.text[..span.start].trim_end();
        let after = self.text[span.end..].trim_start();
        if before.ends_with('(') && after.starts_with(')') {
            let start = before.len() - 1;
            let end = self.text.len() - after.len() + 1;
            return Span::new(start, end);
        }
        span
    }

    /// A value inside another (or a new argument): a new map that fits on one short line
    /// is written there (`reasoning={"effort": "low"}`), as people write it, even where
    /// the code around it is laid out over lines.
    fn print_child(&self, value: &Value, multiline: bool, indent: &str, trailing: bool) -> String {
        if multiline && value.span.is_none() && value.is_map() {
            let flat = self.print_styled(value, false, indent, false);
            if !flat.contains('\n') && flat.len() <= 60 {
                return flat;
            }
        }
        self.print_styled(value, multiline, indent, trailing)
    }

    /// `print`, with a comma after the last entry of each map or list laid out over lines
    /// when `trailing` (the style of the code it replaces).
    fn print_styled(&self, value: &Value, multiline: bool, indent: &str, trailing: bool) -> String {
        if let Some(span) = value.span {
            let span = self.with_parentheses(value, span);
            let copied = self.made.copy(self.text, span);
            // A copy moved to another depth takes the new depth, unless a string spans its
            // lines (then its text would change).
            let long_string = copied.contains(r#"""""#) || copied.contains("'''");
            if copied.contains('\n') && !long_string {
                let from = indentation_at(self.text, span.start);
                return crate::frontend::json::reindent(&copied, from, indent);
            }
            return copied;
        }
        let inner = format!("{indent}    ");
        let nl = self.newline;
        match &value.kind {
            Kind::Str(s) => self.string(s),
            Kind::Num(n) => n.clone(),
            Kind::Bool(true) => "True".into(),
            Kind::Bool(false) => "False".into(),
            Kind::Null | Kind::Opaque => "None".into(),
            Kind::List(items) if items.is_empty() => "[]".into(),
            Kind::Map(entries) if entries.is_empty() => "{}".into(),
            Kind::List(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| self.print_child(v, multiline, &inner, trailing))
                    .collect();
                // A short list of scalars (`include=["reasoning.encrypted_content"]`) stays
                // on one line even in a call laid out one argument per line, as people write it.
                let short = items.iter().all(Value::is_scalar)
                    && parts.iter().map(|p| p.len() + 2).sum::<usize>() <= 60;
                if multiline && !short {
                    format!(
                        "[{nl}{inner}{}{}{nl}{indent}]",
                        parts.join(&format!(",{nl}{inner}")),
                        if trailing { "," } else { "" }
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
                            self.string(&e.key),
                            self.print_child(&e.value, multiline, &inner, trailing)
                        )
                    })
                    .collect();
                if multiline {
                    // An entry copied from the source keeps the comment at the end of its
                    // line (`"name": "lookup",  # shown to the model`).
                    let mut body = String::new();
                    for (i, (part, e)) in parts.iter().zip(entries).enumerate() {
                        let last = i + 1 == parts.len();
                        body.push_str(part);
                        if !last || trailing {
                            body.push(',');
                        }
                        if let Some(comment) = self.line_comment(e) {
                            body.push_str("  ");
                            body.push_str(comment);
                        }
                        if !last {
                            body.push_str(nl);
                            body.push_str(&inner);
                        }
                    }
                    format!("{{{nl}{inner}{body}{nl}{indent}}}")
                } else {
                    format!("{{{}}}", parts.join(", "))
                }
            }
        }
    }
}

impl Lowering<'_> {
    /// The comment that ends the source line of an entry copied from the source, after
    /// its comma (`"name": "lookup",  # shown to the model`).
    fn line_comment(&self, entry: &crate::model::Entry) -> Option<&str> {
        // A string's parentheses are the value's (see `with_parentheses`).
        let value_end = entry
            .value
            .span
            .map(|at| self.with_parentheses(&entry.value, at).end);
        let end = entry.span.map(|s| s.end).max(value_end)?;
        let rest = &self.text[end..];
        let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
        let after = line.trim_start();
        let after = after.strip_prefix(',').unwrap_or(after).trim_start();
        after.starts_with('#').then(|| after.trim_end())
    }
}

/// Does this source, laid out over lines, end its last entry with a comma before its closing
/// bracket (`...,\n}`)? A rewrite of it then keeps that style.
fn trailing_comma(source: &str) -> bool {
    let body = source.trim_end();
    let Some(inner) = body.strip_suffix(['}', ']', ')']) else {
        return false;
    };
    let inner = inner.trim_end_matches([' ', '\t']);
    inner.ends_with('\n') && inner.trim_end().ends_with(',')
}

/// The quote the request's own strings use, so new strings match them.
fn first_quote(text: &str, unit: &Unit) -> Option<char> {
    fn find(text: &str, v: &Value) -> Option<char> {
        if let (Kind::Str(_), Some(span)) = (&v.kind, v.span) {
            return text[span.start..span.end]
                .chars()
                .find(|c| *c == '"' || *c == '\'');
        }
        match &v.kind {
            Kind::Map(entries) => entries.iter().find_map(|e| {
                e.key_span
                    .and_then(|k| {
                        text[k.start..k.end]
                            .chars()
                            .find(|c| *c == '"' || *c == '\'')
                    })
                    .or_else(|| find(text, &e.value))
            }),
            Kind::List(items) => items.iter().find_map(|i| find(text, i)),
            _ => None,
        }
    }
    find(text, &unit.request.body)
}
