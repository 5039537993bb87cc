use super::helpers::remove;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Moves the top-level `verbosity` to `text.verbosity`, in the same `text` object as the
    /// output format when there is one.
    ///
    /// ## Why migrate
    /// The Responses API takes verbosity as part of its text settings.
    ///
    /// ## Example
    /// ```json
    /// {"verbosity": "low"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"text": {"verbosity": "low"}}
    /// ```
    ///
    /// ## Fix safety
    /// Safe.
    pub struct Verbosity {
        name: "verbosity",
        summary: "`verbosity` becomes `text.verbosity`",
        reviews_responses: true,
    }
}

impl Rule for Verbosity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("verbosity") else {
            return;
        };
        let Some(key) = entry.key_span else { return };
        let mut changes: Vec<Change> = remove(entry).into_iter().collect();
        if !entry.value.is_null() {
            changes.push(Change::SetParam {
                path: vec!["text".into(), "verbosity".into()],
                value: entry.value.clone(),
            });
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                key,
                "`verbosity` is `text.verbosity` in the Responses API",
            )
            .with_fix(Fix::safe("Move `verbosity` to `text.verbosity`", changes)),
        );
    }
}
