use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports uses of the Assistants API (`client.beta.assistants`, `client.beta.threads`).
    ///
    /// ## Why migrate
    /// The Assistants API was shut down on 2026-08-26. Its replacement maps assistants to
    /// prompts, threads to conversations, and runs to responses; server-side objects must be
    /// recreated, so there is no mechanical rewrite.
    ///
    /// ## Example
    /// ```python
    /// run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub struct AssistantsApi {
        name: "assistants-api",
        summary: "the Assistants API was shut down on 2026-08-26",
        severity: "**error**: the API was shut down on 2026-08-26, so this code fails today.",
    }
}

impl Rule for AssistantsApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::AssistantsApi,
            "move to conversations and the Responses API: https://developers.openai.com/api/docs/assistants/migration",
        )
        // The API no longer answers: this code fails today, not after a migration.
        .map(|d| d.with_severity(Severity::Error)));
    }
}
