use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports a Chat Completions request for a model the Responses API does not serve: the
    /// chat search models (`gpt-4o-search-preview`, `gpt-4o-mini-search-preview`), the
    /// audio-output models (`gpt-4o-audio-preview`, `gpt-audio`), and `o1-mini` /
    /// `o1-preview`. The model name is read from the request, from the one literal a
    /// variable holds, or, when the request passes a parameter of its function, from that
    /// parameter's default and the literals the file's calls of the function pass.
    ///
    /// ## Why migrate
    /// Sent to `/v1/responses`, such a request is rejected for its model: the migration would
    /// turn working code into an error. The request migrates once it names a model Responses
    /// serves (a current model with the `web_search` tool for search, a current reasoning model
    /// for the o1 previews), or stays on Chat Completions.
    ///
    /// ## Example
    /// ```python
    /// client.chat.completions.create(model="gpt-4o-search-preview", web_search_options={}, messages=messages)
    /// ```
    ///
    /// ## Fix safety
    /// No fix: choosing the model is a person's call, and the request's other fixes wait.
    pub struct ChatOnlyModel {
        name: "chat-only-model",
        summary: "a model the Responses API does not serve: choose another before migrating",
    }
}

impl Rule for ChatOnlyModel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        // The engine runs this rule on Chat requests being migrated only (not a reviewing rule).
        let entry = unit.request.body.entry("model");
        let span = entry
            .and_then(|e| e.value.span)
            .unwrap_or(unit.request.span);
        let named = entry
            .and_then(|e| e.value.as_str())
            .or(unit.model_name.as_deref());
        // The model written (or its one literal), else every literal callers pass for it.
        let models: Vec<(&str, bool)> = match named {
            Some(model) => vec![(model, false)],
            None => unit
                .model_candidates
                .iter()
                .map(|m| (m.as_str(), true))
                .collect(),
        };
        for (model, passed) in models {
            let Some(instead) = crate::models::chat_only(model) else {
                continue;
            };
            let how = if passed {
                " (a caller in this file passes it, or it is the default)"
            } else {
                ""
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!("`{model}`{how} is served by Chat Completions only: the Responses API rejects it"),
                )
                .with_help(format!(
                    "move to {instead} first, or keep this request on Chat Completions"
                ))
                .blocking(),
            );
        }
    }
}
