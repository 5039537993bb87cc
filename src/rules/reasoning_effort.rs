use super::helpers::remove;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Moves `reasoning_effort` to `reasoning.effort`.
    ///
    /// ## Why migrate
    /// The Responses API groups reasoning settings (effort, and summaries, which chat did not
    /// have) in one `reasoning` object.
    ///
    /// ## Example
    /// ```json
    /// {"reasoning_effort": "low"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"reasoning": {"effort": "low"}}
    /// ```
    ///
    /// ## Fix safety
    /// Safe. `reasoning_effort: null` is removed, as it asks for the default.
    pub struct ReasoningEffort {
        name: "reasoning-effort",
        summary: "`reasoning_effort` becomes `reasoning.effort`",
        reviews_responses: true,
    }
}

impl Rule for ReasoningEffort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("reasoning_effort") else {
            return;
        };
        let Some(key) = entry.key_span else { return };
        let mut changes: Vec<Change> = remove(entry).into_iter().collect();
        if !entry.value.is_null() {
            changes.push(Change::SetParam {
                path: vec!["reasoning".into(), "effort".into()],
                value: entry.value.clone(),
            });
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                key,
                "`reasoning_effort` is `reasoning.effort` in the Responses API",
            )
            .with_fix(Fix::safe(
                "Move `reasoning_effort` to `reasoning.effort`",
                changes,
            )),
        );
    }
}
