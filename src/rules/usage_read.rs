use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Renames usage fields: `prompt_tokens` → `input_tokens`, `completion_tokens` →
    /// `output_tokens`, and their `_details` objects likewise. `total_tokens` is the same.
    ///
    /// ## Why migrate
    /// A Responses result reports usage with input/output names; the chat names do not exist
    /// on it.
    ///
    /// ## Example
    /// ```python
    /// print(resp.usage.prompt_tokens, resp.usage.completion_tokens)
    /// ```
    /// Use instead:
    /// ```python
    /// print(resp.usage.input_tokens, resp.usage.output_tokens)
    /// ```
    ///
    /// ## Fix safety
    /// Safe. Fields with no Responses counterpart (audio and prediction token counts) are
    /// reported by `unmapped-read`.
    pub struct UsageRead {
        name: "usage-read",
        summary: "usage fields are `input_tokens` / `output_tokens`",
        reviews_responses: true,
    }
}

pub fn responses_usage_field(chat: &str) -> Option<&'static str> {
    Some(match chat {
        "prompt_tokens" => "input_tokens",
        "completion_tokens" => "output_tokens",
        "prompt_tokens_details" => "input_tokens_details",
        "completion_tokens_details" => "output_tokens_details",
        _ => return None,
    })
}

impl Rule for UsageRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let ReadKind::UsageField(field) = &read.kind else {
                continue;
            };
            let Some(new) = responses_usage_field(field) else {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        read.span,
                        format!("usage field `{field}` has no Responses counterpart"),
                    )
                    .with_help("remove the read, or keep this call on Chat Completions")
                    .blocking(),
                );
                continue;
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    read.span,
                    format!("`usage.{field}` is `usage.{new}` on a Responses result"),
                )
                .with_fix(Fix::safe(
                    format!("Read `{new}`"),
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to: ReadTarget::Attr(new.into()),
                    }],
                )),
            );
        }
    }
}
