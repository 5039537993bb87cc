use super::helpers::{is_number, no_equivalent};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports `frequency_penalty` and `presence_penalty`. A penalty of `0` (the default) is
    /// removed.
    ///
    /// ## Why migrate
    /// The Responses API has no repetition penalties. Repetition that matters must be handled
    /// in the prompt.
    ///
    /// ## Example
    /// ```json
    /// {"frequency_penalty": 0.5}
    /// ```
    ///
    /// ## Fix safety
    /// `0` and `null` are removed safely. Any other value blocks the migration of the request
    /// until a person decides.
    pub struct PenaltyParameters {
        name: "penalty-parameters",
        summary: "`frequency_penalty` / `presence_penalty` have no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for PenaltyParameters {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for key in ["frequency_penalty", "presence_penalty"] {
            no_equivalent(
                unit,
                Self::META.name,
                key,
                |v| is_number(v, 0.0),
                "the Responses API has no repetition penalties",
                "remove the penalty if the output stays acceptable, or keep this call on Chat Completions",
                out,
            );
        }
    }
}
