use super::helpers::{messages, on_responses, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports a `function_call_output` item whose `call_id` is taken from an item's `id`
    /// (`item.id`, `call["id"]`), or quotes, as a literal, the `id` of a `function_call` item
    /// earlier in the same input, and fixes it when it can tell which call is meant.
    ///
    /// ## Why it matters
    /// A Responses `function_call` item has two identifiers: `id` names the item (`fc_…`),
    /// `call_id` names the call (`call_…`). A tool result must quote the `call_id`; quoting
    /// the `id` fails with a 400 ("No tool call found for function call output"), and only on
    /// the path that runs tools. Chat Completions had one `id`, so migrated loops keep it.
    ///
    /// ## Example
    /// ```python
    /// {"type": "function_call_output", "call_id": item.id, "output": result}
    /// ```
    /// Use instead:
    /// ```python
    /// {"type": "function_call_output", "call_id": item.call_id, "output": result}
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the object is an item of a Responses result's output (a loop over
    /// `resp.output`, or over a list kept from it): its `call_id` is the call's id. In
    /// TypeScript and JavaScript the item must also be known to be a function call, by an
    /// `if (item.type === "function_call")` around the read or a `.filter((i) => i.type ===
    /// "function_call")` it was picked by: only then does it have a `call_id`. A literal
    /// id that names a `function_call` item of the same input becomes that item's `call_id`.
    /// Anything else gets no fix: responsify cannot prove that the object is a function call
    /// item rather than something whose `id` is right.
    pub struct ToolOutputCallId {
        name: "tool-output-call-id",
        summary: "tool outputs quote an item's `id` where `call_id` is required",
        reviews_responses: true,
    }
}

/// Does the source end by reading a field called `id` (`x.id`, `x["id"]`, `x['id']`)?
fn reads_id(source: &str) -> bool {
    // `item.id ?? ""`, `item.id || ""`, `item.id!`: the id is what is read first.
    let source = source
        .split(" ?? ")
        .next()
        .and_then(|s| s.split(" || ").next())
        .unwrap_or(source)
        .trim_end()
        .trim_end_matches('!');
    let is_ident_char = |c: char| c.is_alphanumeric() || c == '_';
    source.strip_suffix(".id").is_some_and(|rest| {
        rest.chars()
            .last()
            .is_some_and(|c| is_ident_char(c) || c == ')' || c == ']')
    }) || source.ends_with("[\"id\"]")
        || source.ends_with("['id']")
}

impl Rule for ToolOutputCallId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !on_responses(unit) {
            return;
        }
        let items = messages(unit);
        for (at, item) in items.iter().enumerate() {
            if !matches!(
                type_of(item),
                Some("function_call_output" | "custom_tool_call_output")
            ) {
                continue;
            }
            let Some(entry) = item.entry("call_id") else {
                continue;
            };
            let Some(source) = ctx.source_of(&entry.value) else {
                continue;
            };
            if let Some(quoted) = entry.value.as_str() {
                if let (Some(call_id), Some(span)) =
                    (call_id_of_item(&items[..at], quoted), entry.value.span)
                {
                    out.push(
                        Diagnostic::new(
                            Self::META.name,
                            span,
                            format!("the tool output quotes the item id {quoted:?} of a function call: Responses matches tool results by its `call_id` ({call_id:?})"),
                        )
                        .with_fix(Fix::safe(
                            "Quote the call's `call_id`",
                            vec![Change::Replace {
                                span,
                                with: Value::str(call_id),
                            }],
                        )),
                    );
                }
                continue;
            }
            if entry.value.is_literal() || !reads_id(source) {
                continue;
            }
            let message = format!("the tool output quotes `{source}`: Responses matches tool results by the call's `call_id`, not the item's `id`");
            let span = entry.value.span.unwrap_or(unit.request.span);
            // The read is the value, or where it starts (`item.id ?? ""`, `item.id!`).
            let item_id = unit.reads.iter().find(|read| {
                read.kind == ReadKind::OutputItemId
                    && entry
                        .value
                        .span
                        .is_some_and(|v| v.start == read.span.start && v.contains(read.span))
            });
            out.push(match item_id {
                Some(read) => Diagnostic::new(Self::META.name, span, message).with_fix(Fix::safe(
                    "Quote the output item's `call_id`",
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to: ReadTarget::Attr("call_id".into()),
                    }],
                )),
                None => Diagnostic::new(Self::META.name, span, message)
                    .with_help("use the function call item's `call_id`")
                    .blocking(),
            });
        }
    }
}

/// The `call_id` of the `function_call` item among `earlier` whose item `id` is `quoted`,
/// unless `quoted` is itself some call's `call_id` (then it is right as it is).
fn call_id_of_item<'v>(earlier: &'v [Value], quoted: &str) -> Option<&'v str> {
    let calls = || {
        earlier
            .iter()
            .filter(|item| type_of(item) == Some("function_call"))
    };
    let field = |item: &'v Value, key: &str| item.get(key).and_then(Value::as_str);
    if calls().any(|item| field(item, "call_id") == Some(quoted)) {
        return None;
    }
    calls()
        .find(|item| field(item, "id") == Some(quoted))
        .and_then(|item| field(item, "call_id"))
}

#[cfg(test)]
mod tests {
    use super::reads_id;

    #[test]
    fn recognises_reads_of_an_id_field() {
        assert!(reads_id("item.id"));
        assert!(reads_id("call[\"id\"]"));
        assert!(reads_id("calls[0].id"));
        assert!(reads_id("item.id ?? \"\""));
        assert!(reads_id("item.id!"));
        assert!(!reads_id("item.call_id"));
        assert!(!reads_id("tool_call_id"));
        assert!(!reads_id("item.call_id if x else y.uid"));
    }
}
