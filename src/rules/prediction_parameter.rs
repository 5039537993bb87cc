use super::helpers::no_equivalent;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `prediction` (Predicted Outputs).
    ///
    /// ## Why migrate
    /// The Responses API has no Predicted Outputs. The request still works without it, only
    /// slower; whether that is acceptable is for a person to say.
    ///
    /// ## Example
    /// ```json
    /// {"prediction": {"type": "content", "content": "..."}}
    /// ```
    ///
    /// ## Fix safety
    /// `prediction: null` is removed safely. Any other value blocks the migration of the
    /// request until a person decides.
    pub struct PredictionParameter {
        name: "prediction-parameter",
        summary: "`prediction` (Predicted Outputs) has no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for PredictionParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let is_noop = |_: &Value| -> bool { false };
        no_equivalent(unit, Self::META.name, "prediction", is_noop, "Predicted Outputs are not available in the Responses API", "remove the prediction if the extra latency is acceptable, or keep this call on Chat Completions", out);
    }
}
