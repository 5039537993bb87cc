use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports what responsify could not see of a request: its result returned to callers,
    /// passed to another function or stored away; a client built in another file or passed
    /// in; parameters spread in from a dict built elsewhere; messages spliced into the list
    /// from outside (`messages.extend(history)`, `[sys, *history]`, `push(...history)`, a loop
    /// appending unknown items), which may be Chat-shaped; a list that receives the reply or
    /// is retyped, read by other code; a stream chunk's `choices` used as a collection; the
    /// reply's text tested for `None` in a way that cannot be rewritten. Each names its line.
    /// It also names what a deployment
    /// may change although the code is complete: a base URL read from the environment whose
    /// fallback is OpenAI's, a custom HTTP transport.
    ///
    /// ## Why migrate
    /// A call and the code that reads its result migrate together. When some of that code is
    /// out of sight, the migrated call could break it: a caller reading `.choices` of what is
    /// now a `Response` fails at runtime.
    ///
    /// ## Example
    /// ```python
    /// def ask(question):
    ///     return client.chat.completions.create(model="gpt-5.5", messages=[...])
    /// ```
    /// The caller of `ask` reads the result: the fix is shown, and a person checks the caller
    /// reads `output_text` before applying it.
    ///
    /// ## Fix safety
    /// With anything out of sight the request's fix is display-only: `--unsafe-fixes` never
    /// applies it, and the finding (a warning) names what to check. With only a deployment
    /// caveat the code is complete, and the fix is unsafe.
    pub struct UnseenUses {
        name: "unseen-uses",
        summary: "parts of a request or its result that responsify cannot see",
        severity: "**warning**: the fix is display-only (code out of sight) or unsafe (a deployment caveat).",
    }
}

impl Rule for UnseenUses {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let mut out_of_sight: Vec<&String> =
            unit.unfixable.iter().chain(unit.unseen.iter()).collect();
        out_of_sight.dedup();
        if !out_of_sight.is_empty() {
            let mut all = out_of_sight.clone();
            all.extend(unit.caveats.iter());
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    unit.request.span,
                    format!(
                        "responsify cannot see all of this request: {}",
                        out_of_sight
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
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
                    title: "Migrate once the code out of sight reads the Responses result".into(),
                    applicability: Applicability::DisplayOnly,
                    changes: Vec::new(),
                }),
            );
        } else if !unit.caveats.is_empty() {
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    unit.request.span,
                    format!(
                        "the migrated request may behave differently where it runs: {}",
                        unit.caveats.join("; ")
                    ),
                )
                .with_help(
                    "check that what is named here holds where the code runs (every deployment, every caller), then apply the fix with `--unsafe-fixes`",
                )
                .with_fix(Fix {
                    title: "Migrate, knowing what may differ".into(),
                    applicability: Applicability::Unsafe,
                    changes: Vec::new(),
                }),
            );
        }
    }
}
