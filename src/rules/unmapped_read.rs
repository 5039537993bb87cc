use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Reports reads of a Chat Completions result that have no mapping responsify can prove:
    /// `finish_reason`, choices other than the first, log probabilities, streamed tool-call
    /// fragments, the message's `role`, and the like.
    ///
    /// ## Why migrate
    /// These have Responses counterparts of a different shape (`status` and
    /// `incomplete_details` instead of `finish_reason`, typed events for tool-call arguments),
    /// or none at all (`choices[1]`). Rewriting them needs a person's judgement.
    ///
    /// ## Example
    /// ```python
    /// if resp.choices[0].finish_reason == "length":
    ///     ...
    /// ```
    /// Consider:
    /// ```python
    /// if resp.status == "incomplete" and resp.incomplete_details.reason == "max_output_tokens":
    ///     ...
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the call and its reads are not migrated until a person rewrites this read.
    pub struct UnmappedRead {
        name: "unmapped-read",
        summary: "reads of the result with no provable Responses mapping",
        reviews_responses: true,
    }
}

impl Rule for UnmappedRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let ReadKind::Unknown(what) = &read.kind else {
                continue;
            };
            out.push(
                Diagnostic::new(Self::META.name, read.span, format!("{what} has no Responses mapping responsify can prove"))
                    .with_help("rewrite this read for the Responses result by hand (see `responsify explain unmapped-read`)")
                    .blocking(),
            );
        }
    }
}
