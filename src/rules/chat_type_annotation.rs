use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Annotated, ReadKind, ResultShape, Site, Unit};

declare_rule! {
    /// ## What it does
    /// Retypes the annotations of a migrated request and its result: `resp: ChatCompletion
    /// = ...` and a helper's `-> ChatCompletion` become `Response` (`ParsedChatCompletion[T]`
    /// becomes `ParsedResponse[T]`), a stream's
    /// `ChatCompletionChunk` becomes `ResponseStreamEvent`, the message list sent
    /// (`msgs: list[ChatCompletionMessageParam] = [...]`) becomes a `ResponseInputParam`, and
    /// function tools (`ChatCompletionToolParam`) become `FunctionToolParam`s. The import the
    /// new name needs is added, and the chat types the file no longer uses are dropped from
    /// its imports.
    ///
    /// ## Why migrate
    /// The annotation is what a type checker (and a reader) trusts: left as `ChatCompletion`
    /// on a Responses result, every later read (`resp.output_text`) is an error to mypy or
    /// pyright, and the old type invites the old reads back.
    ///
    /// ## Example
    /// ```python
    /// from openai.types.chat import ChatCompletion
    ///
    /// resp: ChatCompletion = client.chat.completions.create(model="gpt-5-mini", messages=msgs)
    /// ```
    /// Use instead:
    /// ```python
    /// from openai.types.responses import Response
    ///
    /// resp: Response = client.responses.create(model="gpt-5-mini", input=msgs, store=False)
    /// ```
    ///
    /// ## Fix safety
    /// Safe: an annotation changes no behaviour, and it moves with its call. An annotation
    /// of a part of the result (`ChatCompletionMessage` on `resp.choices[0].message`), a
    /// dotted or quoted type, one in another module (where responsify does not add the
    /// import), or one whose new name the file already gives to something else (`from
    /// requests import Response`) is reported and holds the request back, since the rest of
    /// the code would be typed for the old result.
    pub struct ChatTypeAnnotation {
        name: "chat-type-annotation",
        summary: "annotations of a migrated result name its Responses type",
        reviews_responses: true,
    }
}

/// Are all the request's tools function tools, which become (or are) `FunctionToolParam`s?
fn function_tools(unit: &Unit) -> bool {
    let Some(tools) = unit.request.body.get("tools").and_then(|t| t.as_list()) else {
        return false;
    };
    !tools.is_empty()
        && tools
            .iter()
            .all(|t| t.get("type").and_then(|v| v.as_str()) == Some("function"))
}

/// The Responses type of a Chat Completions type annotating `of`, and whether it replaces
/// the whole list type (`list[ChatCompletionMessageParam]` is one `ResponseInputParam`) or
/// the name in it.
fn retyped(unit: &Unit, name: &str, listed: bool, of: &Annotated) -> Option<(&'static str, bool)> {
    let param = |want: &[&str], element: bool| match of {
        Annotated::Param { key, element: e } => want.contains(&key.as_str()) && *e == element,
        Annotated::Result(_) => false,
    };
    match name {
        "ChatCompletion" if !listed && *of == Annotated::Result(ResultShape::Completion) => {
            Some(("Response", false))
        }
        // `parse()`'s result: `ParsedChatCompletion[Answer]` is a `ParsedResponse[Answer]`.
        "ParsedChatCompletion" if !listed && *of == Annotated::Result(ResultShape::Completion) => {
            Some(("ParsedResponse", false))
        }
        "ChatCompletionChunk" if !listed && *of == Annotated::Result(ResultShape::Stream) => {
            Some(("ResponseStreamEvent", false))
        }
        "ChatCompletionMessageParam" if listed && param(&["messages", "input"], false) => {
            Some(("ResponseInputParam", true))
        }
        "ChatCompletionToolParam" | "ChatCompletionFunctionToolParam"
            if function_tools(unit)
                && (listed && param(&["tools"], false) || !listed && param(&["tools"], true)) =>
        {
            Some(("FunctionToolParam", false))
        }
        _ => None,
    }
}

/// Does the file already bind `to` to something else (`from requests import Response`, a
/// class of its own, an assignment)? Then the new annotation would name that. A file that
/// imports from the Responses types already is taken to mean those.
fn named_otherwise(source: &str, to: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let word = |line: &str| {
        line.match_indices(to).any(|(at, _)| {
            let end = at + to.len();
            !line[..at].chars().next_back().is_some_and(ident)
                && !line[end..].chars().next().is_some_and(ident)
                && !line[..at].ends_with('.')
        })
    };
    !source.contains("openai.types.responses")
        && source.lines().map(str::trim_start).any(|line| {
            let binds = line.starts_with("from ")
                || line.starts_with("import ")
                || [
                    format!("class {to}"),
                    format!("def {to}"),
                    format!("{to} ="),
                ]
                .iter()
                .any(|head| line.starts_with(head.as_str()));
            binds && word(line)
        })
}

impl Rule for ChatTypeAnnotation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let ReadKind::ChatType { name, listed, of } = &read.kind else {
                continue;
            };
            let elsewhere = unit.request.site == Site::Elsewhere;
            let new = retyped(unit, name, *listed, of);
            let taken = new.is_some_and(|(to, _)| named_otherwise(ctx.source, to));
            match new.filter(|_| !elsewhere && !taken) {
                Some((to, whole)) => out.push(
                    Diagnostic::new(
                        Self::META.name,
                        read.span,
                        format!(
                            "`{name}` is a Chat Completions type; the Responses API's is `{to}`"
                        ),
                    )
                    .with_fix(Fix::safe(
                        format!("Annotate it as `{to}`"),
                        vec![Change::RenameKey {
                            key: if whole { read.span } else { read.base },
                            to: to.to_string(),
                        }],
                    )),
                ),
                None => {
                    let why = match new {
                        Some((to, _)) if taken => format!(
                            "would become `{to}`, a name this file already gives to something else"
                        ),
                        Some(_) => "is in another module than the request, where responsify does not add the import".to_string(),
                        None => "annotates a part of the request or its result that responsify does not retype".to_string(),
                    };
                    out.push(
                        Diagnostic::new(Self::META.name, read.span, format!("`{name}` {why}"))
                            .with_help("annotate it with its Responses type by hand")
                            .blocking(),
                    )
                }
            }
        }
    }
}
