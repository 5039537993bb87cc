use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Renames the `messages` parameter to `input`.
    ///
    /// ## Why migrate
    /// The Responses API takes its conversation as `input`, a list of items. A message with a
    /// role and text content is a valid item as it is; messages that carry tool calls, tool
    /// results or chat content parts are reshaped by their own rules (`assistant-tool-calls`,
    /// `tool-message`, `content-parts`).
    ///
    /// ## Example
    /// ```json
    /// {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Hi"}]}
    /// ```
    /// Use instead:
    /// ```json
    /// {"model": "gpt-5.5", "input": [{"role": "user", "content": "Hi"}]}
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the same messages reach the model.
    pub struct MessagesToInput {
        name: "messages-to-input",
        summary: "`messages` is called `input` in the Responses API",
        reviews_responses: true,
    }
}

impl Rule for MessagesToInput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("messages") else {
            return;
        };
        let Some(key) = entry.key_span else { return };
        if unit.request.body.get("input").is_some() {
            // Left behind beside the real `input`: which one the author meant is theirs to say.
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    key,
                    "the request passes both `messages` and `input`; the Responses API takes only `input`",
                )
                .with_help("merge the messages into `input` and remove `messages`")
                .blocking(),
            );
            return;
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                key,
                "`messages` is called `input` in the Responses API",
            )
            .with_fix(Fix::safe(
                "Rename `messages` to `input`",
                vec![Change::RenameKey {
                    key,
                    to: "input".into(),
                }],
            )),
        );
    }
}
