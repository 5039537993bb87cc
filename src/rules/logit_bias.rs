use super::helpers::no_equivalent;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `logit_bias`. An empty map is removed.
    ///
    /// ## Why migrate
    /// The Responses API cannot raise or ban tokens. Banned words must be handled in the
    /// prompt or in code; a classifier that forced one of a few tokens can use structured
    /// output with an enum instead.
    ///
    /// ## Example
    /// ```json
    /// {"logit_bias": {"50256": -100}}
    /// ```
    ///
    /// ## Fix safety
    /// `null` and `{}` are removed safely. Any other value blocks the migration of the
    /// request until a person decides.
    pub struct LogitBias {
        name: "logit-bias",
        summary: "`logit_bias` has no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for LogitBias {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let is_noop =
            |v: &Value| -> bool { matches!(&v.kind, Kind::Map(entries) if entries.is_empty()) };
        no_equivalent(
            unit,
            Self::META.name,
            "logit_bias",
            is_noop,
            "the Responses API cannot bias tokens",
            "use structured output (an enum schema) or prompt instructions instead of token biases",
            out,
        );
    }
}
