use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports an output-token limit below 16, the smallest `max_output_tokens` the
    /// Responses API accepts.
    ///
    /// ## Why migrate
    /// Chat accepted any positive limit; the Responses API answers a smaller one with a 400
    /// (`integer_below_min_value`). Short limits are common in classifiers and tests that
    /// expect a one-word answer.
    ///
    /// ## Example
    /// ```json
    /// {"max_tokens": 5}
    /// ```
    /// Use instead:
    /// ```json
    /// {"max_output_tokens": 16}
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: raising the limit lets the model write more than before. Until it is applied
    /// (with `--unsafe-fixes`) or changed by hand, the request is not migrated.
    pub struct MaxOutputTokensMinimum {
        name: "max-output-tokens-minimum",
        summary: "output-token limits below 16 are rejected by the Responses API",
        reviews_responses: true,
    }
}

pub const MINIMUM: f64 = 16.0;

impl Rule for MaxOutputTokensMinimum {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        // The value that survives the rename: `max_completion_tokens` wins over `max_tokens`.
        let Some(value) = body
            .get("max_completion_tokens")
            .or_else(|| body.get("max_tokens"))
            .or_else(|| body.get("max_output_tokens"))
        else {
            return;
        };
        let (Some(n), Some(span)) = (value.as_f64(), value.span) else {
            return;
        };
        if n >= MINIMUM {
            return;
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                span,
                format!("output-token limit {n} is below 16, the Responses API minimum"),
            )
            .with_help("raise the limit to at least 16, and cut the answer short in code if it must stay short")
            .with_fix(Fix::unsafe_(
                "Raise the limit to 16",
                vec![Change::Replace {
                    span,
                    with: Value::new(Kind::Num("16".into())),
                }],
            )),
        );
    }
}
