use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::Unit;
use crate::retired_models;

declare_rule! {
    /// ## What it does
    /// Reports a request whose `model` is a model with an announced shutdown date (or one
    /// of its dated snapshots), with the date and the model to move to. Opt-in: select it
    /// by name.
    ///
    /// ## Why migrate
    /// After its shutdown date a model's requests fail, on Chat Completions and Responses
    /// alike. The chat search models (`*-search-preview`) and audio previews are the ones a
    /// migration meets first: Responses does web search with a tool on ordinary models.
    /// The rule is off by default because the dates also cover today's common models
    /// (`gpt-4o`, `gpt-4.1`), whose reports would bury the migration's own findings.
    ///
    /// ## Example
    /// ```json
    /// {"model": "gpt-4o-search-preview", "input": "What happened today?"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"model": "gpt-5.4", "input": "What happened today?", "tools": [{"type": "web_search"}]}
    /// ```
    ///
    /// ## Fix safety
    /// No fix: another model answers differently and may reject parameters the old one took
    /// (`temperature` on reasoning models), so a person chooses and tests it.
    pub struct RetiredModel {
        name: "retired-model",
        summary: "the model has an announced shutdown date",
        opt_in: true,
        reviews_responses: true,
        severity: "A **warning**: the request fails once the model is shut down, and only a person can choose and test its successor.",
    }
}

impl Rule for RetiredModel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(model) = unit.request.body.get("model") else {
            return;
        };
        let (Some(name), Some(span)) = (model.as_str(), model.span) else {
            return;
        };
        let Some(retired) = retired_models::lookup(name) else {
            return;
        };
        let mut help = format!(
            "move to `{}` (or another current model) and test the request with it",
            retired.successor
        );
        if retired.chat_search {
            help.push_str("; web search is the `web_search` tool in the Responses API");
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                span,
                format!(
                    "`{name}` has an announced shutdown date, {}: move to `{}`",
                    retired.shutdown, retired.successor
                ),
            )
            .with_help(help)
            .with_severity(crate::diagnostic::Severity::Warning),
        );
    }
}
