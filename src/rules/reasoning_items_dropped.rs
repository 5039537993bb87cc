use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{Kind, ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Finds a reasoning model's reply replayed into the history as its text alone
    /// (`history.append({"role": "assistant", "content": resp.output_text})`) and extends the
    /// history with the response's output items instead.
    ///
    /// ## Why it matters
    /// A reasoning model's output carries reasoning items (and function calls) beside its
    /// text. Sent back with the next turn they let the model continue its reasoning; replayed
    /// as text they are lost, which costs quality and cache hits, and a function call
    /// replayed as text no longer pairs with its output. Chat Completions had nothing to
    /// replay but the text, so migrated loops keep doing that.
    ///
    /// ## Example
    /// ```python
    /// resp = client.responses.create(model="o4-mini", input=history)
    /// history.append({"role": "assistant", "content": resp.output_text})
    /// ```
    /// Use instead:
    /// ```python
    /// history.extend(resp.output)
    /// ```
    /// (or chain turns with `previous_response_id`). A request with `store=False` is left
    /// alone: its reasoning items could only be replayed with
    /// `include=["reasoning.encrypted_content"]`, and a text-only history is what Chat
    /// Completions did.
    ///
    /// ## Fix safety
    /// Unsafe: the list then holds output items rather than plain dicts, which code that reads
    /// the history back (to print or store it) may not expect.
    pub struct ReasoningItemsDropped {
        name: "reasoning-items-dropped",
        summary: "a reasoning model's reply replayed as text drops its reasoning items",
        reviews_responses: true,
    }
}

fn reasons(unit: &Unit) -> bool {
    crate::classify::model_family(unit) == crate::models::Family::Reasoning
}

impl Rule for ReasoningItemsDropped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        // Without stored responses the items could only be replayed with their encrypted
        // reasoning (`include=["reasoning.encrypted_content"]`); the text-only history is then
        // what Chat Completions did, and not a regression to report.
        let unstored = matches!(
            unit.request.body.get("store").map(|v| &v.kind),
            Some(Kind::Bool(false))
        );
        if !on_responses(unit) || !reasons(unit) || unstored {
            return;
        }
        for read in &unit.reads {
            let ReadKind::AppendText { list } = read.kind else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    read.span,
                    "the reply is replayed as text only: the reasoning items of its output are dropped from the history",
                )
                .with_help("extend the history with the response's `output`, or chain turns with `previous_response_id`")
                .with_fix(Fix::unsafe_(
                    "Extend the history with the output items",
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to: ReadTarget::ExtendWithOutput { list },
                    }],
                )),
            );
        }
    }
}
