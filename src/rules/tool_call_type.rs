use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Rewrites checks of a tool call's kind: `tc.type === "function"` becomes
    /// `tc.type === "function_call"` (and `"custom"` becomes `"custom_tool_call"`), the `type` of
    /// the output item the tool call now is.
    ///
    /// ## Why migrate
    /// The openai npm package types `message.tool_calls` as a union of function and custom tool
    /// calls, so TypeScript code checks `type` before it reads `tc.function`. On a Responses
    /// result the tool calls are output items whose `type` is `function_call`: the old check
    /// would be false for every call.
    ///
    /// ## Example
    /// ```ts
    /// for (const tc of message.tool_calls ?? []) {
    ///   if (tc.type === "function") run(tc.function.name, tc.function.arguments);
    /// }
    /// ```
    /// Use instead:
    /// ```ts
    /// for (const tc of response.output.filter((item) => item.type === "function_call")) {
    ///   if (tc.type === "function_call") run(tc.name, tc.arguments);
    /// }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. Other kinds are reported.
    pub struct ToolCallType {
        name: "tool-call-type",
        summary: "a tool call's `type` is `function_call` on a Responses output item",
    }
}

impl Rule for ToolCallType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let ReadKind::ToolCallType(kind) = &read.kind else {
                continue;
            };
            let new = match kind.as_str() {
                "function" => "function_call",
                "custom" => "custom_tool_call",
                other => {
                    out.push(
                        Diagnostic::new(
                            Self::META.name,
                            read.span,
                            format!("tool call type {other:?} is not one Chat Completions returns"),
                        )
                        .with_help("check this comparison by hand")
                        .blocking(),
                    );
                    continue;
                }
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    read.span,
                    format!("a `{kind}` tool call is a `{new}` item of a Responses output"),
                )
                .with_fix(Fix::safe(
                    format!("Check for `{new}`"),
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to: ReadTarget::Literal(new.into()),
                    }],
                )),
            );
        }
    }
}
