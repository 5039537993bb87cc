use super::helpers::no_equivalent;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `stop` sequences. An empty list is removed.
    ///
    /// ## Why migrate
    /// The Responses API has no stop sequences. Output that must end at a marker has to be
    /// cut in code, or the prompt must ask the model to stop there.
    ///
    /// ## Example
    /// ```json
    /// {"stop": ["\\n\\n"]}
    /// ```
    /// Cut the text at the marker in code after the call.
    ///
    /// ## Fix safety
    /// `null` and `[]` are removed safely. Any other value blocks the migration of the
    /// request until a person decides.
    pub struct StopParameter {
        name: "stop-parameter",
        summary: "`stop` has no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for StopParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let is_noop =
            |v: &Value| -> bool { matches!(&v.kind, Kind::List(items) if items.is_empty()) };
        no_equivalent(unit, Self::META.name, "stop", is_noop, "the Responses API has no stop sequences", "truncate the output at the stop sequence in code, or keep this call on Chat Completions", out);
    }
}
