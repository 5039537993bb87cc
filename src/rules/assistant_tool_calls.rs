use super::helpers::{assistant_text, has_tool_calls, messages, remove, role, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Splits an assistant message that carries `tool_calls` into Responses items: the
    /// assistant's text first (when it has any), then one `function_call` item per function
    /// call (`custom_tool_call` for custom tools), in their order, each keyed by `call_id`.
    ///
    /// ## Why migrate
    /// The Responses API rejects `tool_calls` on a message ("Unknown parameter:
    /// 'input[3].tool_calls'"). A tool call is an item of its own, and its result must point
    /// at it by `call_id`.
    ///
    /// ## Example
    /// ```json
    /// {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
    ///   "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}
    /// ```
    /// Use instead:
    /// ```json
    /// {"type": "function_call", "call_id": "call_1", "name": "get_weather",
    ///  "arguments": "{\"city\":\"Paris\"}"}
    /// ```
    ///
    /// ## Fix safety
    /// Safe. Text that accompanies the calls is kept as an assistant message before them (some
    /// converters drop it). Unsafe when the message has a `name`, which no item can carry.
    pub struct AssistantToolCalls {
        name: "assistant-tool-calls",
        summary: "assistant `tool_calls` become `function_call` items",
        reviews_responses: true,
    }
}

/// The Responses item for one chat tool call.
fn call_item(call: &Value) -> Option<Value> {
    match type_of(call).unwrap_or("function") {
        "function" => {
            let function = call.get("function")?;
            Some(Value::map([
                ("type", Value::str("function_call")),
                ("call_id", call.get("id")?.clone()),
                ("name", function.get("name")?.clone()),
                ("arguments", function.get("arguments")?.clone()),
            ]))
        }
        "custom" => {
            let custom = call.get("custom")?;
            Some(Value::map([
                ("type", Value::str("custom_tool_call")),
                ("call_id", call.get("id")?.clone()),
                ("name", custom.get("name")?.clone()),
                ("input", custom.get("input")?.clone()),
            ]))
        }
        _ => None,
    }
}

impl Rule for AssistantToolCalls {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for message in messages(unit) {
            if role(message) != Some("assistant") {
                continue;
            }
            let Some(span) = message.span else { continue };
            let Some(calls_entry) = message.entry("tool_calls") else {
                continue;
            };
            if !has_tool_calls(message) {
                // `tool_calls: []` or `null`: nothing to call; the key just goes.
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        calls_entry.span.unwrap_or(span),
                        "empty `tool_calls` on an assistant message is not an input field",
                    )
                    .with_fix(Fix::safe(
                        "Remove the empty `tool_calls`",
                        remove(calls_entry).into_iter().collect(),
                    )),
                );
                continue;
            }
            let calls = calls_entry.value.as_list().unwrap_or_default();
            let items: Option<Vec<Value>> = calls.iter().map(call_item).collect();
            let refusal = message.get("refusal").is_some_and(|r| r.as_str().is_some());
            // Text responsify cannot see may be empty or `None`: it cannot choose the item.
            let hidden_text = matches!(message.get("content").map(|c| &c.kind), Some(Kind::Opaque));
            let (Some(call_items), false) = (items, refusal || hidden_text) else {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        span,
                        "assistant message with tool calls that responsify cannot read whole",
                    )
                    .with_help("rewrite each call as a `function_call` item with its `call_id`")
                    .blocking(),
                );
                continue;
            };
            let mut with = Vec::new();
            if let Some(text) = assistant_text(message.get("content")) {
                with.push(Value::map([
                    ("role", Value::str("assistant")),
                    ("content", text),
                ]));
            }
            with.extend(call_items);
            let applicability = if message.get("name").is_some() {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!(
                        "assistant message with {} tool call{}: Responses takes them as `function_call` items",
                        calls.len(),
                        if calls.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_fix(Fix {
                    title: "Split the message into its text and `function_call` items".into(),
                    applicability,
                    changes: vec![Change::ReplaceWithMany { span, with }],
                }),
            );
        }
    }
}
