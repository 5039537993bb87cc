use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a Chat Completions request that stores its completion: `store: true` (often with
    /// `metadata` to tag it).
    ///
    /// ## Why migrate
    /// A stored chat completion is kept for the stored completions API (`chat.completions.list`,
    /// `retrieve`), and is what the dashboard offers for distillation and evals, filtered by its
    /// `metadata`. A Responses request with `store: true` keeps a *response* instead: another
    /// object, other ids, reached through `responses.retrieve`, and chained with
    /// `previous_response_id`. Migrating the request silently moves what a distillation or eval
    /// pipeline collects from one store to the other. A person decides: keep this request on Chat
    /// Completions while the pipeline needs it, or move the pipeline to stored responses.
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(
    ///     model="gpt-4o", messages=messages, store=True, metadata={"run": "distill-1"}
    /// )
    /// ```
    ///
    /// ## Fix safety
    /// No fix, and the request's other fixes wait for the decision.
    pub struct StoredCompletionRequest {
        name: "stored-completion-request",
        summary: "a request that stores its completion (`store: true`): Responses stores responses elsewhere",
    }
}

impl Rule for StoredCompletionRequest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        // The engine runs this rule on Chat requests being migrated only (not a reviewing rule).
        let Some(entry) = unit.request.body.entry("store") else {
            return;
        };
        if !matches!(entry.value.kind, Kind::Bool(true)) {
            return;
        }
        let tagged = unit.request.body.get_present("metadata").is_some();
        let span = entry.span.or(entry.value.span).unwrap_or(unit.request.span);
        out.push(
            Diagnostic::new(
                Self::META.name,
                span,
                format!(
                    "the request stores its completion{} for the stored completions API, distillation and evals; a migrated request would store a response instead",
                    if tagged { ", tagged with `metadata`," } else { "" }
                ),
            )
            .with_help("keep this request on Chat Completions while what reads the stored completions needs them, or move that pipeline to stored responses first")
            .blocking(),
        );
    }
}
