//! Lowering model changes into Rust source edits.
//!
//! Everything is a splice of the original text. New code names Responses types through one
//! path prefix: `responses::` with a `use async_openai::types::responses;` added after the
//! file's async-openai imports (every unit adds the same line, so the edits coincide), or the
//! full `async_openai::types::responses::` when the file already has something else called
//! `responses`. Chat imports the rewrite leaves unused are removed when one lowering covers
//! every chat call of the file (no other group's edits can touch those lines); otherwise they
//! stay, and the compiler warns about them.
//!
//! A change this module cannot spell in Rust is refused with its reason, and the engine then
//! reports the unit as one responsify cannot fix, rather than fixing half of it.

use super::values::Chain;
use super::{MessageItem, SiteInfo};
use crate::diagnostic::{Change, ReadTarget};
use crate::edit::{indentation_at, line_ending, Edit};
use crate::model::{Kind, Span, Unit, Value};
use std::collections::BTreeMap;

const MODULE: &str = "async_openai::types::responses";

pub struct Lowering<'a> {
    text: &'a str,
    sites: Vec<&'a SiteInfo>,
    prefix: String,
    /// The `use` line to add, when new code needs it.
    import: Option<Edit>,
    edits: Vec<Edit>,
    /// Setters appended after a position (several may land after one chain).
    appended: BTreeMap<usize, Vec<String>>,
    /// Every Chat Completions site of the text is lowered here: no other group's edits can
    /// touch the chat imports, so the ones left unused may go.
    whole_file: bool,
    /// The units are reads of a result whose request is in another file (a helper's
    /// callers): there is no site here, only reads to rewrite.
    elsewhere: bool,
}

impl<'a> Lowering<'a> {
    /// `all` is every site of the text in the order `analyze` gives them (by where they
    /// start), `header` what [`header`] says of the text.
    pub fn new(
        text: &'a str,
        all: &'a [SiteInfo],
        units: &[&Unit],
        header: &(String, Option<Edit>),
    ) -> Self {
        // A binary search, not a scan: one scan per request is quadratic in a file of many.
        let sites: Vec<&SiteInfo> = units
            .iter()
            .filter_map(|u| {
                let span = u.request.span;
                let first = all.partition_point(|s| s.unit.request.span.start < span.start);
                all[first..]
                    .iter()
                    .take_while(|s| s.unit.request.span.start == span.start)
                    .find(|s| s.unit.request.span == span)
            })
            .collect();
        let (prefix, import) = header.clone();
        let chat_sites = all
            .iter()
            .filter(|s| s.unit.request.endpoint == crate::model::Endpoint::ChatCompletions)
            .count();
        let whole_file = sites.len() == chat_sites;
        let elsewhere = !units.is_empty()
            && units
                .iter()
                .all(|u| u.request.site == crate::model::Site::Elsewhere);
        Lowering {
            text,
            sites,
            prefix,
            import,
            edits: Vec::new(),
            appended: BTreeMap::new(),
            whole_file,
            elsewhere,
        }
    }

    pub fn lower(mut self, changes: &[Change]) -> Result<Vec<Edit>, String> {
        if self.sites.is_empty() && !self.elsewhere {
            return Err("the request is not where responsify found it".into());
        }
        let replaced: Vec<Span> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Replace { span, .. } => Some(*span),
                _ => None,
            })
            .collect();
        let removed: Vec<Span> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Remove { span } => Some(*span),
                _ => None,
            })
            .collect();
        let mut uses_prefix = false;
        for change in changes {
            match change {
                Change::SwitchEndpoint => {
                    for site in self.sites.clone() {
                        self.switch(site, &replaced, &removed)?;
                        // Builder chains name Responses types; raw bodies name none.
                        uses_prefix |= site.request.is_some();
                    }
                }
                Change::RenameKey { key, to } if self.json_holding(*key).is_some() => {
                    self.edits
                        .push(Edit::replace(*key, crate::frontend::json::json_string(to)));
                }
                Change::RenameKey { key, to } => {
                    self.edits.push(Edit::replace(*key, to.clone()));
                }
                Change::Remove { span } if self.json_holding(*span).is_some() => {
                    let body = self.json_holding(*span).expect("checked");
                    let (parent, index) = body
                        .parent_of(*span)
                        .ok_or("the removed value is not in its body")?;
                    let members = members(parent);
                    self.edits.extend(crate::edit::removals(&members, &[index]));
                }
                Change::Remove { span } => self.remove(*span)?,
                Change::InsertEntry { map, key, value } if self.json_holding(*map).is_some() => {
                    let body = self.json_holding(*map).expect("checked");
                    let target = body.find(*map).ok_or("the object is not in its body")?;
                    let item = format!(
                        "{}: {}",
                        crate::frontend::json::json_string(key),
                        super::raw::print(self.text, value)
                    );
                    let edit = self.append_member(target, item)?;
                    self.join_insert(edit);
                }
                Change::InsertElement { list, value } if self.json_holding(*list).is_some() => {
                    let body = self.json_holding(*list).expect("checked");
                    let target = body.find(*list).ok_or("the list is not in its body")?;
                    let edit = self.append_member(target, super::raw::print(self.text, value))?;
                    self.join_insert(edit);
                }
                Change::Replace { span, with } if self.json_holding(*span).is_some() => {
                    self.edits
                        .push(Edit::replace(*span, super::raw::print(self.text, with)));
                }
                Change::ReplaceWithMany { span, with } if self.json_holding(*span).is_some() => {
                    let items: Vec<String> = with
                        .iter()
                        .map(|v| super::raw::print(self.text, v))
                        .collect();
                    self.edits.push(Edit::replace(*span, items.join(", ")));
                }
                Change::InsertEntry { map, key, value } => {
                    let chain = self
                        .sites
                        .iter()
                        .filter_map(|s| s.request.as_ref())
                        .find(|c| c.body == *map)
                        .ok_or("a parameter can only be added to a builder chain")?
                        .clone();
                    let rendered = self.render_param(key, value)?;
                    uses_prefix |= rendered.contains(&self.prefix);
                    if let Some((builder, after_let)) = &chain.statements {
                        // A new statement right after the builder's `let`. A value moved
                        // from a setter that may sit in a branch cannot go there.
                        if has_source(value) {
                            return Err(format!(
                                "`{key}` would move a value out of the builder's setter statements"
                            ));
                        }
                        let nl = line_ending(self.text);
                        let indent = indentation_at(self.text, chain.root.start).to_string();
                        self.join_insert(Edit::insert(
                            *after_let,
                            format!("{nl}{indent}{builder}.{key}({rendered});"),
                        ));
                        continue;
                    }
                    let at = chain.body.end;
                    self.appended
                        .entry(at)
                        .or_default()
                        .push(format!(".{key}({rendered})"));
                }
                Change::RewriteRead { span, base, to } => {
                    let base_text = &self.text[base.start..base.end];
                    let new = match to {
                        ReadTarget::OutputText => format!("{base_text}.output_text()"),
                        ReadTarget::Response
                            if is_choices_loop(&self.text[span.start..span.end], base_text) =>
                        {
                            // Without `n` a completion has one choice: the loop runs once, over
                            // the response (as a caller's loop in another file is written).
                            format!("std::slice::from_ref(&{base_text})")
                        }
                        ReadTarget::Response => base_text.to_string(),
                        ReadTarget::Attr(name) => format!("{base_text}.{name}"),
                        ReadTarget::StreamTextDelta { .. } => {
                            uses_prefix = true;
                            let via_choice = self.sites.iter().any(|s| s.via_choice.contains(span));
                            if via_choice {
                                // The choice is now the text-delta event itself.
                                format!("Some({base_text}.delta.clone())")
                            } else {
                                format!(
                                    "(match &{base_text} {{ {}ResponseStreamEvent::ResponseOutputTextDelta(event) => Some(event.delta.clone()), _ => None }})",
                                    self.prefix
                                )
                            }
                        }
                        other => {
                            return Err(format!(
                                "responsify cannot write the read {} in Rust yet",
                                describe_target(other)
                            ))
                        }
                    };
                    self.edits.push(Edit::replace(*span, new));
                }
                Change::Replace { span, with } if self.is_tool_choice(*span) => {
                    let new = self.render_tool_choice(with)?;
                    uses_prefix = true;
                    self.edits.push(Edit::replace(*span, new));
                }
                Change::Replace { span, with }
                    if with.get("type").and_then(Value::as_str) == Some("function")
                        && with.span.is_none() =>
                {
                    let new = self.render_function_tool(with)?;
                    uses_prefix = true;
                    self.edits.push(Edit::replace(*span, new));
                }
                Change::Replace { span, with } => {
                    let new = self.render_scalar(with)?;
                    self.edits.push(Edit::replace(*span, new));
                }
                other => {
                    return Err(format!(
                        "responsify cannot write this change in Rust yet ({})",
                        describe_change(other)
                    ))
                }
            }
        }
        for (at, setters) in std::mem::take(&mut self.appended) {
            let chain = self
                .sites
                .iter()
                .filter_map(|s| s.request.as_ref())
                .find(|c| c.body.end == at)
                .cloned();
            let text = match chain {
                Some(chain) => self.spell_setters(&chain, &setters),
                None => setters.concat(),
            };
            self.edits.push(Edit::insert(at, text));
        }
        let mut import = if uses_prefix {
            self.import.take()
        } else {
            None
        };
        if self.whole_file && changes.contains(&Change::SwitchEndpoint) {
            self.drop_unused_chat_imports(&mut import);
        }
        self.edits.extend(import);
        Ok(self.edits)
    }

    /// Remove the names a top-level `use async_openai::types::chat::..` imports that the
    /// rewrite leaves unused: every other mention of the name lies in text an edit replaces
    /// (and the new text does not name it). A `use` that loses all its names goes; when the
    /// new `use ..::responses;` was to follow it, it takes its place.
    fn drop_unused_chat_imports(&mut self, import: &mut Option<Edit>) {
        let _scope = super::SpanScope;
        let Ok(file) = super::parse_keeping_spans(self.text) else {
            return;
        };
        for item in &file.items {
            let syn::Item::Use(u) = item else { continue };
            // A re-export (`pub use`) is for other modules, which the file does not show.
            if !matches!(u.vis, syn::Visibility::Inherited) {
                continue;
            }
            let Some(names) = chat_import_names(&u.tree) else {
                continue;
            };
            let item_span = super::values::span_of(u);
            let unused: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, (name, _))| self.unused_after_edits(name, item_span))
                .map(|(i, _)| i)
                .collect();
            if unused.is_empty() {
                continue;
            }
            if unused.len() < names.len() {
                let members: Vec<Span> = names.iter().map(|(_, at)| *at).collect();
                self.edits.extend(crate::edit::removals(&members, &unused));
                continue;
            }
            match import.take() {
                Some(new) if new.span.start == item_span.end => {
                    let line = format!("use {MODULE};");
                    self.edits.push(Edit::replace(item_span, line));
                }
                other => {
                    *import = other;
                    self.edits
                        .push(Edit::delete(whole_lines(self.text, item_span)));
                }
            }
        }
    }

    /// No mention of `name` outside `except` survives the edits.
    fn unused_after_edits(&self, name: &str, except: Span) -> bool {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        let mentions = self.text.match_indices(name).filter(|(i, _)| {
            let before = self.text[..*i].chars().next_back();
            let after = self.text[i + name.len()..].chars().next();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        });
        let named_anew = self.edits.iter().any(|e| {
            e.text.match_indices(name).any(|(i, _)| {
                let before = e.text[..i].chars().next_back();
                let after = e.text[i + name.len()..].chars().next();
                !before.is_some_and(ident) && !after.is_some_and(ident)
            })
        });
        !named_anew
            && mentions
                .map(|(i, _)| Span::new(i, i + name.len()))
                .filter(|m| !except.contains(*m))
                .all(|m| {
                    self.edits
                        .iter()
                        .any(|e| e.span.start < e.span.end && e.span.contains(m))
                })
    }

    /// Setters after a chain, one per line when the chain is written one setter per line.
    fn spell_setters(&self, chain: &Chain, setters: &[String]) -> String {
        match chain.setters.last() {
            Some(last) if self.text[chain.root.end..last.call.start].contains('\n') => {
                let nl = line_ending(self.text);
                let indent = indentation_at(self.text, last.call.start);
                setters.iter().map(|s| format!("{nl}{indent}{s}")).collect()
            }
            _ => setters.concat(),
        }
    }

    /// The chat request becomes a Responses request: the client method, the builder type,
    /// and each message builder.
    fn switch(
        &mut self,
        site: &SiteInfo,
        replaced: &[Span],
        removed: &[Span],
    ) -> Result<(), String> {
        for (choices, chunk, whole_iterable) in &site.stream_iterated {
            // What a loop iterates: the text-delta event, if this event is one.
            let chunk_text = &self.text[chunk.start..chunk.end];
            let event = format!(
                "(match &{chunk_text} {{ {}ResponseStreamEvent::ResponseOutputTextDelta(event) => Some(event), _ => None }})",
                self.prefix
            );
            let new = if *whole_iterable {
                format!("{event}.into_iter()")
            } else {
                event
            };
            self.edits.push(Edit::replace(*choices, new));
        }
        for at in &site.result_types {
            // The helper that returns the response declares the Responses type.
            self.edits
                .push(Edit::replace(*at, format!("{}Response", self.prefix)));
        }
        for (iterable, response) in &site.choice_loops {
            // Without `n` a completion has one choice: the loop runs once, over the response.
            let response = &self.text[response.start..response.end];
            self.edits.push(Edit::replace(
                *iterable,
                format!("std::slice::from_ref(&{response})"),
            ));
        }
        if let Some(path) = site.url_path {
            // Raw HTTP: the URL's path changes with the body.
            self.edits.push(Edit::replace(path, "responses"));
            return Ok(());
        }
        self.edits.push(Edit::replace(site.chat, "responses"));
        if site.json_body.is_some() {
            // `create_byot(json!(..))`: the body is rewritten by the other changes.
            return Ok(());
        }
        let chain = site
            .request
            .as_ref()
            .ok_or("the request is not a `CreateChatCompletionRequestArgs` builder chain")?;
        self.edits.push(Edit::replace(
            chain.type_path,
            format!("{}CreateResponseArgs", self.prefix),
        ));
        if let Some((_, items)) = &site.messages {
            for item in items {
                if replaced.contains(&item.span) || removed.contains(&item.span) {
                    continue;
                }
                self.switch_message(item)?;
            }
        }
        // A tool choice mode no rule reshapes still names its chat type.
        for setter in chain.setters.iter().filter(|s| s.name == "tool_choice") {
            if let (Some(at), Kind::Str(_)) = (setter.value.span, &setter.value.kind) {
                if !replaced.contains(&at) {
                    let new = self.render_tool_choice(&setter.value)?;
                    self.edits.push(Edit::replace(at, new));
                }
            }
        }
        Ok(())
    }

    /// Is `span` the value of a `tool_choice` setter?
    fn is_tool_choice(&self, span: Span) -> bool {
        self.sites
            .iter()
            .filter_map(|s| s.request.as_ref())
            .flat_map(|c| &c.setters)
            .any(|s| s.name == "tool_choice" && s.value.span == Some(span))
    }

    /// A Responses tool choice: a mode (`auto`, `none`, `required`) or a named function.
    fn render_tool_choice(&self, choice: &Value) -> Result<String, String> {
        let p = &self.prefix;
        if let Some(mode @ ("auto" | "none" | "required")) = choice.as_str() {
            return Ok(format!(
                "{p}ToolChoiceParam::Option({p}ToolChoiceOptions::{})",
                camel(mode)
            ));
        }
        match (
            choice.get("type").and_then(Value::as_str),
            choice.get("name"),
        ) {
            (Some("function"), Some(name)) => {
                // A literal name is written anew; an expression is a `String` already.
                let name = match &name.kind {
                    Kind::Str(s) => format!("{s:?}.into()"),
                    _ => self.render_scalar(name)?,
                };
                Ok(format!(
                    "{p}ToolChoiceParam::Function({p}ToolChoiceFunction {{ name: {name} }})"
                ))
            }
            _ => Err("a tool choice responsify cannot write in Rust yet".into()),
        }
    }

    fn switch_message(&mut self, item: &MessageItem) -> Result<(), String> {
        let variant = match item.role {
            Some("system") => "System",
            Some("developer") => "Developer",
            Some("user") => "User",
            Some("assistant") => "Assistant",
            Some(other) => {
                return Err(format!("a `{other}` message has no Responses message form"))
            }
            None => return Err("a message without a role responsify can read".into()),
        };
        let prefix = self.prefix.clone();
        if let (None, Some(content)) = (&item.chain, item.text) {
            // An enum value or `from` conversion: a message value, no builder (so no `?`).
            let content = wrap(&self.text[content.start..content.end]);
            self.edits.push(Edit::replace(
                item.span,
                format!(
                    "{prefix}EasyInputMessage {{ role: {prefix}Role::{variant}, content: {content}.into(), ..Default::default() }}"
                ),
            ));
            return Ok(());
        }
        let Some(chain) = &item.chain else {
            return Err("a message is not built with a message builder".into());
        };
        // A message given alone becomes an array of one: `[I; 1]` converts into the input.
        let open = if item.alone && chain.type_path.start == item.span.start {
            "["
        } else if item.alone {
            return Err("a message given alone does not start with its builder's type".into());
        } else {
            ""
        };
        self.edits.push(Edit::replace(
            chain.type_path,
            format!("{open}{prefix}EasyInputMessageArgs"),
        ));
        if item.alone {
            self.edits.push(Edit::insert(item.span.end, "]"));
        }
        let role_setter = format!(".role({prefix}Role::{variant})");
        let text = match chain.setters.first() {
            Some(first) if self.text[chain.root.end..first.call.start].contains('\n') => {
                let indent = indentation_at(self.text, first.call.start);
                format!("{}{indent}{role_setter}", line_ending(self.text))
            }
            _ => role_setter,
        };
        self.edits.push(Edit::insert(chain.root.end, text));
        // `[I; N]` and `Vec<I>` convert into the input for any item type; an `.into()`
        // on each element would leave that type for the compiler to guess.
        if let Some(into) = chain.into {
            self.edits.push(Edit::delete(into));
        }
        Ok(())
    }

    /// Insertions at one point are one edit: their order is the order of the changes.
    fn join_insert(&mut self, edit: Edit) {
        let at = edit.span;
        match self
            .edits
            .iter_mut()
            .find(|e| e.span == at && at.start == at.end)
        {
            Some(existing) => existing.text.push_str(&edit.text),
            None => self.edits.push(edit),
        }
    }

    /// The `json!` body that holds `span`, if one does.
    fn json_holding(&self, span: Span) -> Option<&'a Value> {
        self.sites
            .iter()
            .filter_map(|s| s.json_body.as_ref())
            .find(|b| b.span.is_some_and(|at| at.contains(span)))
    }

    /// An edit that adds `item` after the last member of a `json!` object or array.
    fn append_member(&self, target: &Value, item: String) -> Result<Edit, String> {
        let at = target.span.ok_or("a value without a place")?;
        let members = members(target);
        let Some(last) = members.last() else {
            return Ok(Edit::insert(at.start + 1, item));
        };
        let first = members[0];
        if self.text[at.start..first.start].contains('\n') {
            let indent = indentation_at(self.text, last.start);
            Ok(Edit::insert(
                last.end,
                format!(",{}{indent}{item}", line_ending(self.text)),
            ))
        } else {
            Ok(Edit::insert(last.end, format!(", {item}")))
        }
    }

    fn remove(&mut self, span: Span) -> Result<(), String> {
        for site in &self.sites {
            let chains = site.request.iter().chain(
                site.messages
                    .iter()
                    .flat_map(|(_, items)| items.iter().filter_map(|i| i.chain.as_ref())),
            );
            for chain in chains {
                if let Some(setter) = chain.setters.iter().find(|s| s.call == span) {
                    if setter.conditional {
                        // Its replacement could only go outside the branch.
                        return Err(format!(
                            "`{}` is set in a branch, and its Responses form cannot follow it there",
                            setter.name
                        ));
                    }
                    self.edits.push(Edit::delete(setter.after_previous));
                    // The `let` that held the setter's value goes with it, line and all.
                    if let Some(stmt) = setter
                        .value
                        .span
                        .and_then(|v| site.bound_lets.iter().find(|l| l.contains(v)))
                    {
                        self.edits.push(Edit::delete(whole_lines(self.text, *stmt)));
                    }
                    return Ok(());
                }
            }
            if let Some((_, items)) = &site.messages {
                if let Some(index) = items.iter().position(|i| i.span == span) {
                    let members: Vec<Span> = items.iter().map(|i| i.span).collect();
                    self.edits.extend(crate::edit::removals(&members, &[index]));
                    return Ok(());
                }
            }
        }
        Err("responsify can only remove a setter or a message in Rust".into())
    }

    /// A value as a Rust expression: source text where it came from the source.
    fn render_scalar(&self, value: &Value) -> Result<String, String> {
        if let Some(span) = value.span {
            return Ok(self.text[span.start..span.end].to_string());
        }
        Ok(match &value.kind {
            Kind::Str(s) => format!("{s:?}"),
            Kind::Num(n) => n.clone(),
            Kind::Bool(b) => b.to_string(),
            _ => return Err("responsify cannot write this value in Rust yet".into()),
        })
    }

    /// An enum variant of the responses module from its wire name (`low` → `Low`).
    fn variant(&self, ty: &str, value: &Value) -> Result<String, String> {
        match &value.kind {
            Kind::Str(s) => Ok(format!("{}{ty}::{}", self.prefix, camel(s))),
            Kind::Opaque => self.render_scalar(value),
            _ => Err(format!("`{ty}` is not a name")),
        }
    }

    /// A new top-level parameter as the argument of its Responses setter.
    fn render_param(&self, key: &str, value: &Value) -> Result<String, String> {
        let p = &self.prefix;
        match key {
            "reasoning" => {
                let effort = value.get("effort").ok_or("`reasoning` without `effort`")?;
                if value.entries().is_some_and(|e| e.len() > 1) {
                    return Err("`reasoning` has more than `effort`".into());
                }
                Ok(format!(
                    "{p}Reasoning {{ effort: Some({}), ..Default::default() }}",
                    self.variant("ReasoningEffort", effort)?
                ))
            }
            "text" => {
                let format = match value.get("format") {
                    None => "Default::default()".to_string(),
                    Some(f) => self.render_format(f)?,
                };
                let verbosity = match value.get("verbosity") {
                    None => "None".to_string(),
                    Some(v) => format!("Some({})", self.variant("Verbosity", v)?),
                };
                Ok(format!(
                    "{p}ResponseTextParam {{ format: {format}, verbosity: {verbosity} }}"
                ))
            }
            _ if value.is_scalar() || matches!(value.kind, Kind::Opaque) => {
                self.render_scalar(value)
            }
            _ => Err(format!("responsify cannot write `{key}` in Rust yet")),
        }
    }

    /// A flat function tool: `Tool::Function(FunctionTool { .. })`, each field's value copied
    /// from the chat definition (setter arguments convert with `into`, as they did there).
    fn render_function_tool(&self, tool: &Value) -> Result<String, String> {
        let p = &self.prefix;
        let mut fields = Vec::new();
        for entry in tool.entries().unwrap_or_default() {
            let name = entry.key.as_str();
            if name == "type" {
                continue;
            }
            if !matches!(name, "name" | "description" | "parameters" | "strict") {
                return Err(format!("a function tool's `{name}`"));
            }
            let source = self.render_scalar(&entry.value)?;
            let converted = if matches!(entry.value.kind, Kind::Bool(_)) {
                source
            } else {
                format!("{}.into()", wrap(&source))
            };
            fields.push(if name == "name" {
                format!("name: {converted}")
            } else {
                format!("{name}: Some({converted})")
            });
        }
        Ok(format!(
            "{p}Tool::Function({p}FunctionTool {{ {}, ..Default::default() }})",
            fields.join(", ")
        ))
    }

    /// `text.format`: `{type: json_object}` and friends.
    fn render_format(&self, format: &Value) -> Result<String, String> {
        let p = &self.prefix;
        let ty = format
            .get("type")
            .and_then(Value::as_str)
            .ok_or("a response format without a known type")?;
        match ty {
            "text" => Ok(format!("{p}TextResponseFormatConfiguration::Text")),
            "json_object" => Ok(format!("{p}TextResponseFormatConfiguration::JsonObject")),
            "json_schema" => {
                let field = |name: &str| -> Result<String, String> {
                    match format.get(name) {
                        Some(v) if v.span.is_some() => self.render_scalar(v),
                        Some(_) => Err(format!("`{name}` of the schema is not in the source")),
                        None => Ok("None".into()),
                    }
                };
                let name = format
                    .get("name")
                    .ok_or("a JSON schema format without a name")?;
                Ok(format!(
                    "{p}TextResponseFormatConfiguration::JsonSchema({p}ResponseFormatJsonSchema {{ description: {}, name: {}, schema: {}, strict: {} }})",
                    field("description")?,
                    self.render_scalar(name)?,
                    field("schema")?,
                    field("strict")?,
                ))
            }
            other => Err(format!("response format `{other}`")),
        }
    }
}

/// The names of `use async_openai::types::chat::Name;` or `::{A, B}` (plain names only),
/// each with its span in the tree; `None` for any other `use`.
fn chat_import_names(tree: &syn::UseTree) -> Option<Vec<(String, Span)>> {
    let mut at = tree;
    for segment in ["async_openai", "types", "chat"] {
        match at {
            syn::UseTree::Path(p) if p.ident == segment => at = &p.tree,
            _ => return None,
        }
    }
    let name = |t: &syn::UseTree| match t {
        syn::UseTree::Name(n) => Some((n.ident.to_string(), super::values::span_of(t))),
        _ => None,
    };
    match at {
        syn::UseTree::Name(_) => Some(vec![name(at)?]),
        syn::UseTree::Group(g) => g.items.iter().map(name).collect(),
        _ => None,
    }
}

/// `span` widened to the whole lines it sits on, when nothing else shares them.
fn whole_lines(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i + 1);
    let alone = text[start..span.start].trim().is_empty() && text[span.end..end].trim().is_empty();
    if alone {
        Span::new(start, end)
    } else {
        span
    }
}

/// Does a value copy an expression from the source (which may name a binding that is
/// only in scope where it was written)? Literals and enum names do not.
fn has_source(value: &Value) -> bool {
    match &value.kind {
        Kind::Opaque => value.span.is_some(),
        Kind::List(items) => items.iter().any(has_source),
        Kind::Map(entries) => entries.iter().any(|e| has_source(&e.value)),
        _ => false,
    }
}

/// Source text as the receiver of a method call: parenthesized unless it is one term (a
/// string literal, a path, or one call or macro call whose brackets close at its end).
fn wrap(source: &str) -> String {
    let head_len = source
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '.'))
        .unwrap_or(source.len());
    let rest = source[head_len..]
        .strip_prefix('!')
        .unwrap_or(&source[head_len..]);
    let one_call = head_len > 0 && rest.starts_with(['(', '[', '{']) && {
        let mut depth = 0i32;
        let mut closed_at = None;
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '(' | '[' | '{' if !in_string => depth += 1,
                ')' | ']' | '}' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        closed_at = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        closed_at == Some(rest.len() - 1)
    };
    let literal = source.len() >= 2 && source.starts_with('"') && source.ends_with('"');
    if literal || head_len == source.len() || one_call {
        source.to_string()
    } else {
        format!("({source})")
    }
}

/// The spans of an object's entries or an array's elements.
fn members(value: &Value) -> Vec<Span> {
    match &value.kind {
        Kind::Map(entries) => entries.iter().filter_map(|e| e.span).collect(),
        Kind::List(items) => items.iter().filter_map(|v| v.span).collect(),
        _ => Vec::new(),
    }
}

fn camel(wire: &str) -> String {
    wire.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

fn describe_target(target: &ReadTarget) -> &'static str {
    match target {
        ReadTarget::Response => "of the reply message",
        ReadTarget::OutputParsed => "of the parsed output",
        ReadTarget::FunctionCalls | ReadTarget::FirstFunctionCall => "of tool calls",
        ReadTarget::ExtendWithOutput { .. } => "that appends the reply",
        ReadTarget::StreamTextDelta { .. }
        | ReadTarget::StreamTextGuard { .. }
        | ReadTarget::StreamCompletedUsage => "of a stream",
        ReadTarget::FinishedFor { .. } => "of the finish reason",
        _ => "",
    }
}

fn describe_change(change: &Change) -> &'static str {
    match change {
        Change::ReplaceWithMany { .. } => "several items in place of one",
        Change::InsertElement { .. } => "a new list element",
        Change::Replace { .. } => "a reshaped value",
        _ => "unsupported",
    }
}

/// `use async_openai::types::responses;` (or a group that names `responses` under it).
/// The prefix new Responses types are written with, and the `use` to add for it if any: a
/// fact of the whole text (it parses the text to find where imports go), so computed once
/// for all its requests.
pub fn header(text: &str) -> (String, Option<Edit>) {
    if has_import(text) {
        ("responses::".to_string(), None)
    } else if mentions_other_responses(text) {
        (format!("{MODULE}::"), None)
    } else {
        let nl = line_ending(text);
        let line = format!("use {MODULE};");
        let edit = match import_point(text) {
            (at, true) => Edit::insert(at, format!("{nl}{line}")),
            (at, false) => Edit::insert(at, format!("{line}{nl}")),
        };
        ("responses::".to_string(), Some(edit))
    }
}

fn has_import(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        l.starts_with("use async_openai::types::")
            && (l.ends_with("::responses;")
                || l.contains("{responses")
                || l.contains(" responses,")
                || l.contains(", responses}"))
    })
}

/// Something else named `responses` (a module, a variable, an import) that a new
/// `use ...::responses;` would collide with or shadow.
fn mentions_other_responses(text: &str) -> bool {
    text.match_indices("responses").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + "responses".len()..].chars().next();
        let word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_');
        // `.responses()` is a method, not a name in scope.
        word && before != Some('.')
    })
}

/// Where the new `use` goes: after the last top-level `use` of async-openai, else after
/// the last top-level `use`, else after the file's inner attributes and doc comments.
/// The second value says whether the point is the end of an item (the line goes after it).
fn import_point(text: &str) -> (usize, bool) {
    let _scope = super::SpanScope;
    let Ok(file) = super::parse_keeping_spans(text) else {
        return (0, false);
    };
    let mut last_any = None;
    let mut last_ours = None;
    for item in &file.items {
        if let syn::Item::Use(u) = item {
            let end = super::values::span_of(u).end;
            last_any = Some(end);
            if let syn::UseTree::Path(p) = &u.tree {
                if p.ident == "async_openai" {
                    last_ours = Some(end);
                }
            }
        }
    }
    if let Some(at) = last_ours.or(last_any) {
        return (at, true);
    }
    // Skip `//!` docs and `#![..]` attributes at the top.
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("//!") || t.starts_with("#![") || t.is_empty() {
            at += line.len();
        } else {
            break;
        }
    }
    (at, false)
}

/// Whether `iterable` is what a loop over the choices of `response` iterates
/// (`&response.choices`, `response.choices.iter()`), spaces aside.
fn is_choices_loop(iterable: &str, response: &str) -> bool {
    let compact: String = iterable.chars().filter(|c| !c.is_whitespace()).collect();
    compact == format!("&{response}.choices") || compact == format!("{response}.choices.iter()")
}
