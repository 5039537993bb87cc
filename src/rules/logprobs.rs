use super::helpers::remove;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites `logprobs: true` as the include entry `message.output_text.logprobs`, and
    /// removes `logprobs: false`. `top_logprobs` keeps its name and value.
    ///
    /// ## Why migrate
    /// The Responses API has no `logprobs` switch: log probabilities are an extra output you
    /// ask for in `include`, and they then sit on each `output_text` part.
    ///
    /// ## Example
    /// ```json
    /// {"logprobs": true, "top_logprobs": 3}
    /// ```
    /// Use instead:
    /// ```json
    /// {"top_logprobs": 3, "include": ["message.output_text.logprobs"]}
    /// ```
    ///
    /// ## Fix safety
    /// Safe.
    pub struct Logprobs {
        name: "logprobs",
        summary: "`logprobs` becomes an `include` entry",
        reviews_responses: true,
    }
}

pub const LOGPROBS_INCLUDE: &str = "message.output_text.logprobs";

impl Rule for Logprobs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("logprobs") else {
            return;
        };
        let Some(span) = entry.span else { return };
        let mut changes: Vec<Change> = remove(entry).into_iter().collect();
        let message = match entry.value.kind {
            Kind::Bool(true) => {
                changes.push(Change::AppendParam {
                    key: "include".into(),
                    value: Value::str(LOGPROBS_INCLUDE),
                });
                "`logprobs: true` is the `include` entry `message.output_text.logprobs` in the Responses API"
            }
            Kind::Bool(false) | Kind::Null => {
                "`logprobs` is not a Responses parameter; `false` asks for nothing"
            }
            _ => {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        span,
                        "`logprobs` whose value responsify cannot see",
                    )
                    .with_help(format!(
                        "add `{LOGPROBS_INCLUDE}` to `include` when it is true"
                    ))
                    .blocking(),
                );
                return;
            }
        };
        out.push(
            Diagnostic::new(Self::META.name, span, message).with_fix(Fix::safe(
                "Replace `logprobs` with an `include` entry",
                changes,
            )),
        );
    }
}
