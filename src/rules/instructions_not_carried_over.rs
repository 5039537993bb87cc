use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports a Responses request that continues a conversation with
    /// `previous_response_id` but sends no `instructions`, in a file whose other Responses
    /// requests do send them.
    ///
    /// ## Why it matters
    /// `instructions` apply to one response only: with `previous_response_id` the earlier
    /// input items are carried over, the earlier instructions are not. Code that moved a chat
    /// system message to `instructions` on the first turn silently loses it from the second
    /// turn on.
    ///
    /// ## Example
    /// ```python
    /// first = client.responses.create(model="gpt-5.5", instructions=RULES, input=question)
    /// later = client.responses.create(model="gpt-5.5", previous_response_id=first.id, input=more)
    /// ```
    /// Use instead:
    /// ```python
    /// later = client.responses.create(model="gpt-5.5", previous_response_id=first.id, instructions=RULES, input=more)
    /// ```
    ///
    /// ## Fix safety
    /// No fix: whether the later turn should keep the same instructions is the author's call.
    pub struct InstructionsNotCarriedOver {
        name: "instructions-not-carried-over",
        summary: "`previous_response_id` does not carry `instructions` over to the next turn",
        reviews_responses: true,
        severity: "**warning**: the later turn loses the instructions at runtime.",
    }
}

impl Rule for InstructionsNotCarriedOver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        if !on_responses(unit) || unit.request.hidden_keys || body.get("instructions").is_some() {
            return;
        }
        let Some(previous) = body.entry("previous_response_id") else {
            return;
        };
        if previous.value.is_null() {
            return;
        }
        let elsewhere = ctx.units.iter().any(|other| {
            on_responses(other) && other.request.body.get_present("instructions").is_some()
        });
        if !elsewhere {
            return;
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                previous.span.unwrap_or(unit.request.span),
                "this turn continues with `previous_response_id` but sends no `instructions`; the earlier turn's instructions are not carried over",
            )
            .with_help("pass the same `instructions` again on every turn that should follow them")
            .with_severity(Severity::Warning),
        );
    }
}
