use super::helpers::{messages, role, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites `tool`-role messages into `function_call_output` items (or
    /// `custom_tool_call_output` when the call they answer was a custom tool call), with
    /// `tool_call_id` renamed to `call_id` and `content` to `output`.
    ///
    /// ## Why migrate
    /// The Responses API has no `tool` role ("Invalid value: 'tool'"). A tool result is an item
    /// that names the call it answers by `call_id`.
    ///
    /// ## Example
    /// ```json
    /// {"role": "tool", "tool_call_id": "call_1", "content": "18°C"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"type": "function_call_output", "call_id": "call_1", "output": "18°C"}
    /// ```
    ///
    /// ## Fix safety
    /// Safe. Text parts in `content` become `input_text` parts of `output`, which the
    /// Responses API accepts as they are.
    pub struct ToolMessage {
        name: "tool-message",
        summary: "`tool` messages become `function_call_output` items",
        reviews_responses: true,
    }
}

/// Ids of the custom tool calls made by assistant messages of this request.
fn custom_call_ids(unit: &Unit) -> Vec<&str> {
    messages(unit)
        .iter()
        .filter_map(|m| m.get("tool_calls").and_then(Value::as_list))
        .flatten()
        .filter(|c| type_of(c) == Some("custom"))
        .filter_map(|c| c.get("id").and_then(Value::as_str))
        .collect()
}

/// A tool result's `output`: a string stays as written; text parts become `input_text` parts.
fn output(content: Option<&Value>) -> Option<Value> {
    let content = content?;
    match &content.kind {
        // A string, or an expression (`json.dumps(result)`) copied as written.
        Kind::Str(_) | Kind::Opaque => Some(content.clone()),
        Kind::Null => Some(Value::str("")),
        Kind::List(parts) => parts
            .iter()
            .map(|p| match type_of(p) {
                Some("text") => Some(Value::map([
                    ("type", Value::str("input_text")),
                    ("text", p.get("text")?.clone()),
                ])),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Value::list),
        _ => None,
    }
}

impl Rule for ToolMessage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let custom_ids = custom_call_ids(unit);
        for message in messages(unit) {
            if let Some(renamed) = chat_keyed_output(message) {
                out.push(renamed);
                continue;
            }
            if role(message) != Some("tool") {
                continue;
            }
            let Some(span) = message.span else { continue };
            let call_id = message.get("tool_call_id");
            let (Some(call_id), Some(output)) = (call_id, output(message.get("content"))) else {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        span,
                        "`tool` message without a readable `tool_call_id` and `content`",
                    )
                    .with_help(
                        "write it as a `function_call_output` item with the `call_id` of its call",
                    )
                    .blocking(),
                );
                continue;
            };
            let custom = call_id.as_str().is_some_and(|id| custom_ids.contains(&id));
            let kind = if custom {
                "custom_tool_call_output"
            } else {
                "function_call_output"
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!("`tool` message: Responses takes a tool result as a `{kind}` item"),
                )
                .with_fix(Fix::safe(
                    format!("Rewrite as a `{kind}` item"),
                    vec![Change::Replace {
                        span,
                        with: Value::map([
                            ("type", Value::str(kind)),
                            ("call_id", call_id.clone()),
                            ("output", output),
                        ]),
                    }],
                )),
            );
        }
    }
}

/// A `function_call_output` item that names its call with Chat Completions' `tool_call_id`
/// (a hand migration that changed the type but not the key).
fn chat_keyed_output(item: &Value) -> Option<Diagnostic> {
    if !matches!(
        type_of(item),
        Some("function_call_output" | "custom_tool_call_output")
    ) || item.get("call_id").is_some()
    {
        return None;
    }
    let key = item.entry("tool_call_id")?.key_span?;
    Some(
        Diagnostic::new(
            ToolMessage::META.name,
            key,
            "a tool output item names its call with `tool_call_id`; the Responses API reads `call_id`",
        )
        .with_fix(Fix::safe(
            "Rename `tool_call_id` to `call_id`",
            vec![Change::RenameKey {
                key,
                to: "call_id".into(),
            }],
        )),
    )
}
