use super::helpers::remove;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Renames `max_tokens` and `max_completion_tokens` to `max_output_tokens`. When a request
    /// sets both, `max_completion_tokens` (the one chat honours for current models) is kept
    /// and `max_tokens` is removed.
    ///
    /// ## Why migrate
    /// The Responses API knows only `max_output_tokens`. Like `max_completion_tokens`, it
    /// bounds reasoning tokens as well as visible output.
    ///
    /// ## Example
    /// ```json
    /// {"max_tokens": 300}
    /// ```
    /// Use instead:
    /// ```json
    /// {"max_output_tokens": 300}
    /// ```
    ///
    /// ## Fix safety
    /// Safe. Unsafe when both keys are set to different values, as one of them is dropped.
    /// A value below 16 is reported by `max-output-tokens-minimum`.
    pub struct MaxTokens {
        name: "max-tokens",
        summary: "`max_tokens` / `max_completion_tokens` become `max_output_tokens`",
        reviews_responses: true,
    }
}

impl Rule for MaxTokens {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        let legacy = body.entry("max_tokens");
        let current = body.entry("max_completion_tokens");
        let rename = |key| Change::RenameKey {
            key,
            to: "max_output_tokens".into(),
        };
        match (legacy, current) {
            (Some(legacy), Some(current)) => {
                let (Some(key), Some(_)) = (current.key_span, legacy.span) else {
                    return;
                };
                let same = legacy.value.is_literal() && legacy.value == current.value
                    || legacy.value.as_f64().is_some()
                        && legacy.value.as_f64() == current.value.as_f64();
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        legacy.span.unwrap_or(key),
                        format!(
                            "both `max_tokens` ({}) and `max_completion_tokens` ({}) are set; Responses has one `max_output_tokens`",
                            legacy.value, current.value
                        ),
                    )
                    .with_fix(Fix {
                        title: "Keep `max_completion_tokens` as `max_output_tokens` and remove `max_tokens`".into(),
                        applicability: if same { Applicability::Safe } else { Applicability::Unsafe },
                        changes: remove(legacy).into_iter().chain([rename(key)]).collect(),
                    }),
                );
            }
            (Some(entry), None) | (None, Some(entry)) => {
                let Some(key) = entry.key_span else { return };
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        key,
                        format!(
                            "`{}` is `max_output_tokens` in the Responses API",
                            entry.key
                        ),
                    )
                    .with_fix(Fix::safe(
                        format!("Rename `{}` to `max_output_tokens`", entry.key),
                        vec![rename(key)],
                    )),
                );
            }
            (None, None) => {}
        }
    }
}
