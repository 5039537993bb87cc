use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Rewrites the reads of tool calls: `message.tool_calls` becomes the list of
    /// `function_call` items of the output, `tc.function.name` and `tc.function.arguments`
    /// become `tc.name` and `tc.arguments`, and `tc.id` becomes `tc.call_id`. A legacy
    /// `message.function_call` becomes the first `function_call` item (or `None`).
    ///
    /// ## Why migrate
    /// Tool calls are output items of their own on a Responses result, with their fields at
    /// the top level. Their results must name `call_id` — an item's `id` is a different value,
    /// and sending it back fails with "No tool call found for function call output".
    ///
    /// ## Example
    /// ```python
    /// for tc in resp.choices[0].message.tool_calls:
    ///     run(tc.function.name, tc.function.arguments, tc.id)
    /// ```
    /// Use instead:
    /// ```python
    /// for tc in [item for item in resp.output if item.type == "function_call"]:
    ///     run(tc.name, tc.arguments, tc.call_id)
    /// ```
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. An empty list stands where `tool_calls`
    /// was `None`; both are false in a condition.
    pub struct ToolCallRead {
        name: "tool-call-read",
        summary: "tool calls are `function_call` output items, keyed by `call_id`",
        reviews_responses: true,
    }
}

impl Rule for ToolCallRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let (to, message) = match &read.kind {
                ReadKind::ToolCalls => (
                    ReadTarget::FunctionCalls,
                    "tool calls are the `function_call` items of a Responses output".to_string(),
                ),
                ReadKind::FunctionCall => (
                    ReadTarget::FirstFunctionCall,
                    "a legacy function call is a `function_call` item of a Responses output"
                        .to_string(),
                ),
                ReadKind::ToolCallField(field) => match field.as_str() {
                    "id" => (
                        ReadTarget::Attr("call_id".into()),
                        "a tool result must name the call's `call_id`, not an id".to_string(),
                    ),
                    f => (
                        ReadTarget::Attr(f.to_string()),
                        format!("`function.{f}` is `{f}` on a `function_call` item"),
                    ),
                },
                _ => continue,
            };
            out.push(
                Diagnostic::new(Self::META.name, read.span, message).with_fix(Fix::safe(
                    "Read the `function_call` item",
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to,
                    }],
                )),
            );
        }
    }
}
