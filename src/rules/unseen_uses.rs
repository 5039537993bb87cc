use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports what responsify could not see of a request: its result returned to callers,
    /// passed to another function or stored away; a client built in another file; parameters
    /// spread in from a dict built elsewhere. The request's fix becomes unsafe (or only
    /// displayed, when a parameter is out of sight), and the finding names what to check.
    ///
    /// ## Why migrate
    /// A call and the code that reads its result migrate together. When some of that code is
    /// out of sight, the migrated call could break it.
    ///
    /// ## Example
    /// ```python
    /// def ask(question):
    ///     return client.chat.completions.create(model="gpt-5.5", messages=[...])
    /// ```
    /// The caller of `ask` reads the result: check it reads `output_text`.
    ///
    /// ## Fix safety
    /// The request's fix needs `--unsafe-fixes`; with parameters out of sight it is display-only.
    pub struct UnseenUses {
        name: "unseen-uses",
        summary: "parts of a request or its result that responsify cannot see",
    }
}

impl Rule for UnseenUses {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        if unit.unseen.is_empty() && unit.unfixable.is_empty() {
            return;
        }
        let (what, applicability) = if unit.unfixable.is_empty() {
            (&unit.unseen, Applicability::Unsafe)
        } else {
            (&unit.unfixable, Applicability::DisplayOnly)
        };
        let mut all: Vec<&String> = unit.unfixable.iter().chain(unit.unseen.iter()).collect();
        all.dedup();
        out.push(
            Diagnostic::new(
                Self::META.name,
                unit.request.span,
                format!(
                    "responsify cannot see all of this request: {}",
                    what.join("; ")
                ),
            )
            .with_help(format!(
                "check before migrating: {}",
                all.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
            .with_fix(Fix {
                title: "Migrate knowing what responsify could not check".into(),
                applicability,
                changes: Vec::new(),
            }),
        );
    }
}
