use super::helpers::{has_function_call, has_tool_calls, messages, remove, role};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports the `name` field on system, developer, user and assistant messages.
    ///
    /// ## Why migrate
    /// No Responses message item has a `name`; the API rejects the unknown field. When the
    /// name tells participants apart, say so in the text instead.
    ///
    /// ## Example
    /// ```json
    /// {"role": "user", "name": "alice", "content": "Hi"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"role": "user", "content": "Hi"}
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removing the name may change what the model understands.
    pub struct MessageName {
        name: "message-name",
        summary: "message `name` has no Responses field",
        reviews_responses: true,
    }
}

impl Rule for MessageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for message in messages(unit) {
            let reshaped_whole = role(message) == Some("assistant")
                && (has_tool_calls(message) || has_function_call(message));
            if reshaped_whole
                || !matches!(
                    role(message),
                    Some("system" | "developer" | "user" | "assistant")
                )
            {
                continue;
            }
            let Some(entry) = message.entry("name") else {
                continue;
            };
            let Some(span) = entry.span else { continue };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!("message `name` ({}) has no Responses field", entry.value),
                )
                .with_help("if the name matters, mention it in the message text")
                .with_fix(Fix::unsafe_(
                    "Remove `name`",
                    remove(entry).into_iter().collect(),
                )),
            );
        }
    }
}
