use super::helpers::no_equivalent;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `seed`.
    ///
    /// ## Why migrate
    /// The Responses API has no `seed` (its absence is intentional). Tests that relied on
    /// best-effort repeatable output need another way to pin results, such as recorded
    /// responses.
    ///
    /// ## Example
    /// ```json
    /// {"seed": 42}
    /// ```
    ///
    /// ## Fix safety
    /// `seed: null` is removed safely. Any other value blocks the migration of the request
    /// until a person decides.
    pub struct SeedParameter {
        name: "seed-parameter",
        summary: "`seed` has no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for SeedParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let is_noop = |_: &Value| -> bool { false };
        no_equivalent(unit, Self::META.name, "seed", is_noop, "the Responses API has no seed for best-effort determinism", "remove the seed knowing output will vary between runs, or keep this call on Chat Completions", out);
    }
}
