use super::helpers::{is_number, no_equivalent};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `n`, the number of choices to generate. `n: 1` (the default) is removed.
    ///
    /// ## Why migrate
    /// The Responses API makes one generation per request and has no `n`. Code that asked
    /// for several choices must send several requests (and read one result from each).
    ///
    /// ## Example
    /// ```json
    /// {"n": 3}
    /// ```
    /// Send three requests instead, or keep this call on Chat Completions.
    ///
    /// ## Fix safety
    /// `n: 1` and `n: null` are removed safely. Any other value blocks the migration of the
    /// request until a person decides: nothing is dropped silently.
    pub struct NParameter {
        name: "n-parameter",
        summary: "`n` has no Responses equivalent: one generation per request",
        reviews_responses: true,
    }
}

impl Rule for NParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let is_noop = |v: &Value| -> bool { is_number(v, 1.0) };
        no_equivalent(
            unit,
            Self::META.name,
            "n",
            is_noop,
            "the Responses API makes one generation per request",
            "send one request per generation you need, or keep this call on Chat Completions",
            out,
        );
    }
}
